#!/usr/bin/env python3
"""Where a wasm module's bytes are: its sections, its largest functions and
the code of each group of functions, by name.

Build the site with names kept first (never for a release):
    PISHRO_WASM_NAMES=1 ./scripts/build-site.sh /tmp/site-names
    python3 scripts/wasm-sizes.py /tmp/site-names/pkg/frontend_bg.wasm
Options: --top N (largest functions, default 30), --group REGEX (sum the
functions whose name matches; repeatable), --callers REGEX (which functions
call the ones whose name, mangled or not, matches, by direct `call` only),
--brotli-without REGEX (repeatable: what the code section would weigh,
brotli, without the functions whose name matches: the saving a group's
removal could bring, as compressed; needs `node`).
Names are demangled with c++filt when it is installed. Sizes are bytes of
function bodies after wasm-opt, before compression (a name-kept module is
larger than the release one, but the proportions hold)."""

import argparse
import re
import shutil
import subprocess
import sys
import zlib

SECTION_NAMES = {0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory",
                 6: "global", 7: "export", 8: "start", 9: "element", 10: "code", 11: "data",
                 12: "data count"}


def leb(data, at):
    """An unsigned LEB128 number and the offset after it."""
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def read_module(data):
    """Sections (id, size), function bodies (offset, size) and names by index."""
    sections, bodies, names, imported = [], [], {}, 0
    at = 8
    while at < len(data):
        section = data[at]
        size, at = leb(data, at + 1)
        end, inner = at + size, at
        sections.append((section, size, data[at:end]))
        if section == 2:
            count, inner = leb(data, inner)
            for _ in range(count):
                for _ in range(2):
                    length, inner = leb(data, inner)
                    inner += length
                kind = data[inner]
                inner += 1
                if kind == 0:
                    _, inner = leb(data, inner)
                    imported += 1
                elif kind in (1, 2):
                    if kind == 1:
                        inner += 1
                    flags, inner = leb(data, inner)
                    _, inner = leb(data, inner)
                    if flags & 1:
                        _, inner = leb(data, inner)
                elif kind == 3:
                    inner += 2
        elif section == 10:
            count, inner = leb(data, inner)
            for _ in range(count):
                size_of_body, inner = leb(data, inner)
                bodies.append((inner, size_of_body))
                inner += size_of_body
        elif section == 0:
            length, inner = leb(data, inner)
            if data[inner:inner + length] == b"name":
                inner += length
                while inner < end:
                    kind = data[inner]
                    length, inner = leb(data, inner + 1)
                    sub_end = inner + length
                    if kind == 1:
                        count, inner = leb(data, inner)
                        for _ in range(count):
                            index, inner = leb(data, inner)
                            length, inner = leb(data, inner)
                            names[index] = data[inner:inner + length].decode("utf8", "replace")
                            inner += length
                    inner = sub_end
        at = end
    return sections, bodies, names, imported


def demangled(names):
    if not shutil.which("c++filt"):
        return names
    out = subprocess.run(["c++filt"], input="\n".join(names), capture_output=True, text=True).stdout
    lines = out.split("\n")
    return [lines[i] if i < len(lines) and lines[i] else name for i, name in enumerate(names)]


def brotli_size(pieces):
    """The brotli size (quality 11) of the pieces joined, through node's zlib."""
    script = ("const chunks = []; process.stdin.on('data', (chunk) => chunks.push(chunk));"
              "process.stdin.on('end', () => console.log(require('zlib').brotliCompressSync("
              "Buffer.concat(chunks), { params: { [require('zlib').constants.BROTLI_PARAM_QUALITY]: 11 } }).length));")
    out = subprocess.run(["node", "-e", script], input=b"".join(pieces), capture_output=True, check=True).stdout
    return int(out.decode().strip())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("module")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--group", action="append", default=[])
    parser.add_argument("--callers")
    parser.add_argument("--brotli-without", action="append", default=[])
    arguments = parser.parse_args()
    data = open(arguments.module, "rb").read()
    sections, bodies, names, imported = read_module(data)
    print(f"{arguments.module}: {len(data)} B")
    for section, size, content in sections:
        print(f"  {SECTION_NAMES.get(section, section):10} {size:9} B  gzip {len(zlib.compress(content, 9)):8} B")
    raw_names = [names.get(imported + index, f"function {imported + index}") for index in range(len(bodies))]
    readable = demangled(raw_names)
    functions = [(size, readable[index]) for index, (_, size) in enumerate(bodies)]
    print(f"\n{len(functions)} functions, {sum(size for size, _ in functions)} B of code; the largest:")
    for size, name in sorted(functions, reverse=True)[:arguments.top]:
        print(f"  {size:7} {re.sub(r'::h[0-9a-f]{16}$', '', name)[:150]}")
    groups = arguments.group or [r"^<?app::", r"serde", r"^<?reactive_graph", r"^<?tachys",
                                 r"^<?leptos_router", r"^<?chrono", r"^<?alloc::collections::btree",
                                 r"core::slice::sort"]
    print("\ncode by group (a function may be in several):")
    for pattern in groups:
        matched = [size for size, name in functions if re.search(pattern, name)]
        print(f"  {sum(matched):8} B in {len(matched):5} functions  {pattern}")
    if arguments.brotli_without:
        whole = brotli_size([data[at:at + size] for at, size in bodies])
        print(f"\ncode section brotli: {whole} B; without the functions matching:")
        for pattern in arguments.brotli_without:
            kept = [data[at:at + size] for index, (at, size) in enumerate(bodies)
                    if not re.search(pattern, readable[index])]
            print(f"  {whole - brotli_size(kept):8} B saved ({len(bodies) - len(kept):5} functions)  {pattern}")
    if arguments.callers:
        for index, name in enumerate(raw_names):
            if not (re.search(arguments.callers, name) or re.search(arguments.callers, readable[index])):
                continue
            target, call = imported + index, bytearray([0x10])
            while True:
                byte, target = target & 0x7F, target >> 7
                call.append(byte | 0x80 if target else byte)
                if not target:
                    break
            callers = [readable[i] for i, (at, size) in enumerate(bodies) if bytes(call) in data[at:at + size]]
            print(f"\n{readable[index][:120]} is called by {len(callers)}:")
            for caller in callers:
                print(f"  {caller[:150]}")


if __name__ == "__main__":
    sys.exit(main())
