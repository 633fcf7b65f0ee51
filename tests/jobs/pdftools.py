"""Reading PDFs back with poppler (pdftotext, pdfinfo), as a person would read them."""

import subprocess
from pathlib import Path


def pdf_text(path: Path | str) -> str:
    return subprocess.run(  # noqa: S603
        ["/usr/bin/pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def pdf_info(path: Path | str) -> dict[str, str]:
    output = subprocess.run(  # noqa: S603
        ["/usr/bin/pdfinfo", str(path)], check=True, capture_output=True, text=True
    ).stdout
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in output.splitlines())}


def pdf_pages(path: Path | str) -> int:
    return int(pdf_info(path)["Pages"])


def pdf_markers(path: Path | str, *markers: bytes) -> dict[bytes, bool]:
    """Whether each marker (b"/Lang (fr)", b"pdfuaid") is in the file, object streams inflated."""
    import re
    import zlib

    data = Path(path).read_bytes()
    chunks = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", match.end())
        try:
            chunks.append(zlib.decompress(data[match.end() : end]))
        except zlib.error:
            continue
    return {marker: any(marker in chunk for chunk in chunks) for marker in markers}
