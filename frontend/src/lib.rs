//! The browser entry point: the wasm module's start function mounts the app.
//! Everything else lives in the `app` crate so the server shares its types.

use wasm_bindgen::prelude::wasm_bindgen;

/// Called by the wasm-bindgen glue as soon as the module is instantiated.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    app::first_screen::mount();
}
