"""What an uploaded file really is: its content must agree with its extension.

Plain Python (no Django): `check_file(fileobj, name, limits)` returns the accepted kind
(the lower-case extension) or raises `FileRejected` with a code the form turns into a
Chinese message. Office Open XML files (docx/pptx/xlsx) are zip containers, told apart from
a plain zip by their internal structure; every zip container is also checked for bombs
(too many entries, too large when expanded) and for absolute or `..` entry names. Old
Office files (doc/ppt/xls) share one OLE2 signature and are accepted for any of the three.
"""

import hashlib
import re
import unicodedata
import zipfile
from dataclasses import dataclass

import filetype

ALLOWED = ("doc", "docx", "ppt", "pptx", "xls", "xlsx", "pdf", "zip", "mp3", "mp4", "jpg", "png")
EXTENSION_ALIASES = {"jpeg": "jpg"}
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OOXML_FOLDERS = {"docx": "word/", "pptx": "ppt/", "xlsx": "xl/"}
ZIP_CONTAINERS = {"zip", *OOXML_FOLDERS}
HEADER_BYTES = 8192
CHUNK = 1024 * 1024


class FileRejected(Exception):  # noqa: N818 (a verdict, not a crash)
    """Why a file is refused: `code` selects the message, `params` fill it in."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Limits:
    zip_max_entries: int = 1000
    # 4 × the 50 MB upload limit: Office files and archives of media or documents are
    # already compressed (expand ≈ 1:1), text-heavy archives expand 3-4 ×.
    zip_max_expanded: int = 200 * 1024 * 1024


def extension(name: str) -> str:
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return EXTENSION_ALIASES.get(ext, ext)


def _is_mp3(head: bytes) -> bool:
    if head[:3] == b"ID3":
        return True
    # MPEG audio frame sync: 11 bits set, then version, then layer bits 01 (Layer III).
    return len(head) > 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and (head[1] >> 1) & 3 == 1


def sniff(head: bytes) -> str | None:
    """The kind the first bytes say, before any container is opened."""
    if head.startswith(OLE2):
        return "ole2"
    if _is_mp3(head):
        return "mp3"
    guess = filetype.guess(head)
    if guess is None:
        return None
    kind = guess.extension
    if kind in {"zip", "docx", "xlsx", "pptx", "epub", "odt", "ods", "odp", "jar"}:
        return "zip"  # decided from the archive's directory, not its first bytes
    if kind in {"m4v"}:
        return "mp4"
    return kind


def _unsafe_name(name: str) -> bool:
    normalized = name.replace("\\", "/")
    if normalized.startswith("/") or re.match(r"^[A-Za-z]:", normalized):
        return True
    return ".." in normalized.split("/")


def check_zip(fileobj, limits: Limits) -> list[str]:
    """Entry names of a safe archive; raises FileRejected for bombs, traversal, damage."""
    fileobj.seek(0)
    try:
        archive = zipfile.ZipFile(fileobj)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FileRejected("damaged") from error
    with archive:
        entries = archive.infolist()
        if len(entries) > limits.zip_max_entries:
            raise FileRejected("zip_entries", limit=limits.zip_max_entries)
        for entry in entries:
            if _unsafe_name(entry.filename):
                raise FileRejected("zip_path", name=entry.filename[:80])
        if sum(entry.file_size for entry in entries) > limits.zip_max_expanded:
            raise FileRejected("zip_expanded", limit=limits.zip_max_expanded)
        if any(entry.flag_bits & 0x1 for entry in entries):
            raise FileRejected("zip_encrypted")
        # Expand everything once (bounded by the declared sizes checked above): a lying
        # header, a CRC mismatch or an unsupported method means the archive is refused.
        expanded = 0
        try:
            for entry in entries:
                with archive.open(entry) as member:
                    while block := member.read(CHUNK):
                        expanded += len(block)
                        if expanded > limits.zip_max_expanded:
                            raise FileRejected("zip_expanded", limit=limits.zip_max_expanded)
        except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, ValueError) as e:
            raise FileRejected("damaged") from e
        return [entry.filename for entry in entries]


def oversized_xml_part(source, limit: int) -> str | None:
    """The name of the first XML part of an archive (a path or file object, already
    through `check_zip`, so its sizes are true) that expands beyond `limit` bytes."""
    with zipfile.ZipFile(source) as archive:
        for entry in archive.infolist():
            if entry.filename.lower().endswith((".xml", ".rels")) and entry.file_size > limit:
                return entry.filename
    return None


def check_file(fileobj, name: str, limits: Limits | None = None) -> str:
    """The accepted kind of an upload (its extension) or FileRejected."""
    limits = limits or Limits()
    ext = extension(name)
    if ext not in ALLOWED:
        raise FileRejected("extension", ext=ext or "?")
    fileobj.seek(0)
    head = fileobj.read(HEADER_BYTES)
    fileobj.seek(0)
    if not head:
        raise FileRejected("empty")
    found = sniff(head)
    if ext in {"doc", "ppt", "xls"}:
        if found != "ole2":
            raise FileRejected("mismatch", ext=ext)
        return ext
    if ext in ZIP_CONTAINERS:
        if found != "zip":
            raise FileRejected("mismatch", ext=ext)
        names = check_zip(fileobj, limits)
        fileobj.seek(0)
        if ext in OOXML_FOLDERS:
            folder = OOXML_FOLDERS[ext]
            if "[Content_Types].xml" not in names or not any(n.startswith(folder) for n in names):
                raise FileRejected("mismatch", ext=ext)
        return ext
    if found != ext:
        raise FileRejected("mismatch", ext=ext)
    return ext


def sha256_of(fileobj) -> str:
    digest = hashlib.sha256()
    fileobj.seek(0)
    while block := fileobj.read(CHUNK):
        digest.update(block)
    fileobj.seek(0)
    return digest.hexdigest()


UNSAFE_CHARS = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
MAX_NAME = 120


def display_name(name: str, kind: str) -> str:
    """The original file name as display text only: no folders, control characters or
    characters that are unsafe in a file name, length bounded, extension kept."""
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(c for c in name if c.isprintable())
    name = UNSAFE_CHARS.sub("_", name)
    name = " ".join(name.split()).strip(" .")
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = stem[:MAX_NAME].strip(" .") or "file"
    return f"{stem}.{kind}"
