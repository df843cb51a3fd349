#!/usr/bin/env python3
"""Mark GLIBCXX version needs that the system libstdc++ lacks as weak in libLibTorchSharp.so.

TorchSharp 0.107 is built against a libstdc++ that defines GLIBCXX_3.4.32; Debian 12 stops at 3.4.30.
The only symbol under 3.4.32 (std::ios_base_library_init) is never bound by a relocation, so setting
VER_FLG_WEAK (2) in the Vernaux entry lets the dynamic loader accept the library. Idempotent; does
nothing where the system already provides the version.
"""
import glob, os, struct, sys

SHT_GNU_VERNEED = 0x6FFFFFFE
VER_FLG_WEAK = 0x2


def system_libstdcxx_versions():
    for path in ("/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6"):
        if os.path.exists(path):
            with open(path, "rb") as f:
                return f.read()
    return None


def patch(path, system_lib):
    with open(path, "r+b") as f:
        data = bytearray(f.read())
        if data[:4] != b"\x7fELF" or data[4] != 2:
            return 0
        shoff, = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
        sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
        patched = 0
        for sec in sections:
            if sec[1] != SHT_GNU_VERNEED:
                continue
            strtab_off = sections[sec[6]][4]
            def cstr(o):
                end = data.index(b"\0", strtab_off + o)
                return bytes(data[strtab_off + o:end])
            vn = sec[4]
            while True:
                _, cnt, file_off, aux, nxt = struct.unpack_from("<HHIII", data, vn)
                if cstr(file_off).startswith(b"libstdc++"):
                    a = vn + aux
                    for _ in range(cnt):
                        _, flags, _, name, anext = struct.unpack_from("<IHHII", data, a)
                        ver = cstr(name)
                        if ver.startswith(b"GLIBCXX_") and system_lib is not None and ver + b"\0" not in system_lib \
                                and not flags & VER_FLG_WEAK:
                            struct.pack_into("<H", data, a + 4, flags | VER_FLG_WEAK)
                            print(f"patched {path}: {ver.decode()} marked weak")
                            patched += 1
                        if anext == 0:
                            break
                        a += anext
                if nxt == 0:
                    break
                vn += nxt
        if patched:
            f.seek(0)
            f.write(data)
        return patched


def main(root):
    system_lib = system_libstdcxx_versions()
    for lib in glob.glob(os.path.join(root, "**", "libLibTorchSharp.so"), recursive=True):
        patch(lib, system_lib)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
