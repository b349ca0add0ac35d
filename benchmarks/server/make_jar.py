#!/usr/bin/env python3
"""Builds large, valid connector JARs for the upload and download benchmarks.

Each output is the sample connector JAR's entries (copied as they are, same compression) plus
one STORED (uncompressed) entry of random bytes, so every output has different bytes and a
different SHA-256, and none is deduplicated by the registry.

    make_jar.py SAMPLE.jar SIZE_MB OUT.jar [OUT2.jar ...]
"""
import os
import sys
import zipfile

CHUNK = 1 << 20


def make(sample: str, size_mb: int, out: str) -> None:
    partial = out + ".part"
    with zipfile.ZipFile(sample) as src, zipfile.ZipFile(partial, "w", allowZip64=True) as dst:
        for info in src.infolist():
            copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            copy.compress_type = info.compress_type
            copy.external_attr = info.external_attr
            dst.writestr(copy, src.read(info))
        payload = zipfile.ZipInfo("bench-payload/" + os.path.basename(out) + ".bin", date_time=(2024, 1, 1, 0, 0, 0))
        payload.compress_type = zipfile.ZIP_STORED
        payload.file_size = size_mb * CHUNK
        with dst.open(payload, "w", force_zip64=False) as stream:
            for _ in range(size_mb):
                stream.write(os.urandom(CHUNK))
    os.replace(partial, out)


def main(argv: list) -> int:
    if len(argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    sample, size_mb, outs = argv[1], int(argv[2]), argv[3:]
    for out in outs:
        make(sample, size_mb, out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
