//! Charts drawn by the app itself as SVG: no JavaScript chart library. A
//! chart is decoration for sighted readers: it is `role="img"` with a label,
//! and every chart is shown beside a table of the same figures for screen
//! readers. Bars grow in the reading direction (right to left in Persian);
//! a bar's figure is written after it, and on hover (its `<title>`), tap or
//! focus it also shows under the chart.

use leptos::prelude::*;

/// One bar: its label under the chart, its value, and the value as shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: i64,
    pub value_text: String,
}

const WIDTH: f64 = 420.0;
const ROW: f64 = 30.0;
const LABEL_ROOM: f64 = 118.0;
const VALUE_ROOM: f64 = 150.0;
#[cfg(test)]
const BAR_ROOM: f64 = WIDTH - LABEL_ROOM - VALUE_ROOM;
/// Room for long labels and short figures (names of tactics, percentages).
pub const WIDE_LABELS: (f64, f64) = (176.0, 70.0);

/// Where a horizontal bar is drawn: its left edge and its length. Bars grow
/// from the start of the line: from the left, or from the right in RTL.
#[cfg(test)]
fn bar_span(value: i64, largest: i64, right_to_left: bool) -> (f64, f64) {
    bar_span_in(value, largest, right_to_left, (LABEL_ROOM, VALUE_ROOM))
}

/// The room the longest figure needs after its bar, in the chart's units:
/// about 9.6 a character at its 15 px size (digits are the widest) and the
/// gap before it. Sums in rials run to 18 characters ("27,558,500,000
/// IRR"), more than the default room.
fn room_for_figures(bars: &[Bar]) -> f64 {
    let longest = bars
        .iter()
        .map(|bar| bar.value_text.chars().count())
        .max()
        .unwrap_or(0);
    longest as f64 * 9.6 + 12.0
}

/// `bar_span` with the room given to labels and figures.
fn bar_span_in(
    value: i64,
    largest: i64,
    right_to_left: bool,
    (label_room, value_room): (f64, f64),
) -> (f64, f64) {
    let bar_room = WIDTH - label_room - value_room;
    let length = if largest > 0 {
        (value.max(0) as f64 / largest as f64 * bar_room).max(if value > 0 { 2.0 } else { 0.0 })
    } else {
        0.0
    };
    if right_to_left {
        (WIDTH - label_room - length, length)
    } else {
        (label_room, length)
    }
}

/// A coordinate as the SVG's text, to a tenth of a unit, written from whole
/// numbers: formatting an `f64` pulled the standard library's float
/// printing (14 KB of wasm) into the dashboard's first visit, where V8
/// compiled it on the main thread (about 5 ms at 4x CPU, session 45).
fn svg_number(value: f64) -> String {
    let tenths = (value * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    let (whole, tenth) = (tenths.unsigned_abs() / 10, tenths.unsigned_abs() % 10);
    match tenth {
        0 => format!("{sign}{whole}"),
        _ => format!("{sign}{whole}.{tenth}"),
    }
}

/// A horizontal bar chart: one row per bar, its label at the start of the
/// line and its figure after the bar.
#[component]
pub fn BarChart(
    /// What the chart shows, for screen readers (the table beside it has
    /// the figures).
    label: String,
    bars: Vec<Bar>,
    right_to_left: bool,
    /// Room for the labels and for the figures; the default suits month
    /// names and money, `WIDE_LABELS` long names and percentages.
    #[prop(optional)]
    rooms: Option<(f64, f64)>,
) -> impl IntoView {
    let (label_room, value_room) = rooms.unwrap_or((LABEL_ROOM, VALUE_ROOM));
    // A long figure takes room from the bars, never runs off the chart.
    let rooms = (label_room, value_room.max(room_for_figures(&bars)));
    let largest = bars.iter().map(|bar| bar.value).max().unwrap_or(0);
    let height = ROW * bars.len() as f64 + 4.0;
    let chosen = RwSignal::new(None::<usize>);
    let shown = bars.clone();
    // Text runs in the page's direction, so "start" is the right edge in
    // RTL: every text is anchored at its start.
    let label_x = svg_number(if right_to_left { WIDTH - 4.0 } else { 4.0 });
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {} {}", svg_number(WIDTH), svg_number(height)) role="img" aria-label=label>
                {bars.into_iter().enumerate().map(|(index, bar)| {
                    let top = index as f64 * ROW + 2.0;
                    let (x, length) = bar_span_in(bar.value, largest, right_to_left, rooms);
                    let value_x = if right_to_left { x - 8.0 } else { x + length + 8.0 };
                    let title = format!("{}: {}", bar.label, bar.value_text);
                    let label_x = label_x.clone();
                    let text_y = svg_number(top + ROW * 0.66);
                    view! {
                        <g class="chart-bar" tabindex="0"
                            class:chosen=move || chosen.get() == Some(index)
                            on:click=move |_| chosen.set(Some(index))
                            on:focus=move |_| chosen.set(Some(index))>
                            <title>{title}</title>
                            // The whole row answers a tap, even for a short bar.
                            <rect class="chart-hit" x="0" y=svg_number(top) width=svg_number(WIDTH) height=svg_number(ROW)/>
                            <text class="chart-label" x=label_x y=text_y.clone() text-anchor="start">{bar.label.clone()}</text>
                            <rect class="chart-fill" x=svg_number(x) y=svg_number(top + 6.0) width=svg_number(length)
                                height=svg_number(ROW - 12.0) rx="3"/>
                            <text class="chart-value" x=svg_number(value_x) y=text_y text-anchor="start">{bar.value_text.clone()}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
            <figcaption class="chart-reading" aria-live="polite">
                {move || chosen.get().and_then(|index| shown.get(index)).map(|bar| format!("{}: {}", bar.label, bar.value_text))}
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_grow_from_the_start_of_the_line_and_scale_to_the_largest() {
        let (x, half) = bar_span(50, 100, false);
        assert_eq!(x, LABEL_ROOM);
        let (_, full) = bar_span(100, 100, false);
        assert!((half * 2.0 - full).abs() < 1e-6);
        assert!((full - BAR_ROOM).abs() < 1e-6);
        // In RTL the bar ends where the label area begins, on the right.
        let (x, length) = bar_span(100, 100, true);
        assert!((x + length - (WIDTH - LABEL_ROOM)).abs() < 1e-6);
        // Nothing to draw is no bar; a tiny value is still visible.
        assert_eq!(bar_span(0, 0, false).1, 0.0);
        assert!(bar_span(1, 1_000_000, false).1 >= 2.0);
    }

    #[test]
    fn coordinates_are_written_to_a_tenth_without_float_printing() {
        for (value, text) in [
            (0.0, "0"),
            (420.0, "420"),
            (19.8, "19.8"),
            (19.84, "19.8"),
            (19.86, "19.9"),
            (0.04, "0"),
            (-8.5, "-8.5"),
            (-0.3, "-0.3"),
            (2.0, "2"),
        ] {
            assert_eq!(svg_number(value), text, "{value}");
        }
    }

    #[test]
    fn the_longest_figure_fits_after_the_longest_bar() {
        let bar = |value: i64, value_text: &str| Bar {
            label: "Nov 2026".into(),
            value,
            value_text: value_text.into(),
        };
        let bars = [bar(27_558_500_000, "27,558,500,000 IRR"), bar(1, "1 IRR")];
        let room = VALUE_ROOM.max(room_for_figures(&bars));
        assert!(
            room > VALUE_ROOM,
            "a rial sum needs more than the default room"
        );
        let (x, length) = bar_span_in(27_558_500_000, 27_558_500_000, false, (LABEL_ROOM, room));
        // Where the figure starts, plus 9.6 a character, stays in the chart.
        assert!(x + length + 8.0 + 18.0 * 9.6 <= WIDTH);
        // Short figures keep the default room (and the bars their length).
        assert_eq!(room_for_figures(&[bar(5, "5")]).max(VALUE_ROOM), VALUE_ROOM);
    }
}
