"""Fingerprints for deduplication: the normalized text of an item, its SHA-256 (exact
duplicates) and a MinHash signature over token shingles (near duplicates), with the band
keys of a locality-sensitive hash index.

Tokens are lower-cased English words and single Chinese characters, so the same article
with other punctuation, spacing, full-width forms or boilerplate lines matches. MinHash is
computed with numpy (CRC-32 of each shingle, 128 universal hash functions drawn once from
a fixed seed), so signatures are stable across processes and versions."""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib

import numpy as np

from yingdu.text import HAN_RANGES

TOKEN = re.compile(f"[a-z0-9]+|[{HAN_RANGES}]")
SHINGLE = 4
NUM_PERM = 128
BANDS, ROWS = 32, 4  # LSH: candidates from about 0.4 Jaccard up; each is then verified
MIN_TOKENS = 12  # shorter texts are compared exactly only
_PRIME = (1 << 61) - 1
_random = np.random.RandomState(20240421)  # fixed: stored signatures depend on it
_A = _random.randint(1, 1 << 31, NUM_PERM).astype(np.uint64)
_B = _random.randint(0, 1 << 31, NUM_PERM).astype(np.uint64)
_MASK = np.uint64(0xFFFFFFFF)


def tokens(text: str) -> list[str]:
    return TOKEN.findall(unicodedata.normalize("NFKC", text or "").casefold())


def normalized(parts: list[str]) -> str:
    return " ".join(tokens("\n".join(parts)))


def content_hash(parts: list[str]) -> str:
    return hashlib.sha256(normalized(parts).encode("utf-8")).hexdigest()


def shingles(words: list[str]) -> set[str]:
    if len(words) < SHINGLE:
        return {" ".join(words)} if words else set()
    return {" ".join(words[n : n + SHINGLE]) for n in range(len(words) - SHINGLE + 1)}


def minhash(parts: list[str]) -> np.ndarray | None:
    """The MinHash signature (NUM_PERM uint32) of a text, or None when it is too short."""
    words = tokens("\n".join(parts))
    if len(words) < MIN_TOKENS:
        return None
    grams = shingles(words)
    hashes = np.fromiter(
        (zlib.crc32(g.encode("utf-8")) for g in grams), dtype=np.uint64, count=len(grams)
    )
    permuted = (hashes[:, None] * _A + _B) % _PRIME & _MASK
    return permuted.min(axis=0).astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """The estimated Jaccard similarity of the shingle sets behind two signatures."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def band_keys(signature: np.ndarray) -> list[bytes]:
    return [signature[n * ROWS : (n + 1) * ROWS].tobytes() for n in range(BANDS)]


def to_bytes(signature: np.ndarray | None) -> bytes:
    return b"" if signature is None else signature.astype("<u4").tobytes()


def from_bytes(data: bytes) -> np.ndarray | None:
    if not data or len(data) != NUM_PERM * 4:
        return None
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


def parsed_parts(item) -> list[str]:
    """The texts of a `Parsed` item that make its fingerprint (what gets saved)."""
    if item.kind == "bilingual":
        return [text for pair in item.pairs for text in pair]
    if item.kind == "daily":
        examples = [text for pair in item.pairs for text in pair if text]
        return [item.term_zh, item.term_en, *item.paragraphs, *examples]
    return list(item.paragraphs)
