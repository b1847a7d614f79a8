"""Exact and near-duplicate detection against every item on the site.

Exact: the SHA-256 of the normalized text (unique in `ImportRecord`). Near: MinHash
signatures in an in-memory LSH index (banded), each candidate confirmed by the estimated
Jaccard similarity of the token shingles (settings.IMPORT_NEAR_DUPLICATE). Items without a
fingerprint, or edited since theirs was taken, are fingerprinted when an index is loaded."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import F, OuterRef, Q, Subquery

from yingdu.core import kinds
from yingdu.core.sanitize import split_paragraphs
from yingdu.importparse import fingerprint

from .models import ImportRecord


def content_models():
    """The models of every importable kind: imports are compared with all their items."""
    return kinds.models_of(kinds.importable())


def item_parts(item) -> list[str]:
    """The texts of a saved item that make its fingerprint (as `fingerprint.parsed_parts`)."""
    kind = kinds.kind_of(item)
    if kind is not None and kind.fingerprint_parts is not None:
        return kind.fingerprint_parts(item)
    return split_paragraphs(getattr(item, "body", ""))


@dataclass
class Match:
    how: str  # "exact" or "near"
    content_type_id: int
    object_id: int
    similarity: float = 1.0

    @property
    def model(self):
        return ContentType.objects.get_for_id(self.content_type_id).model_class()


class DuplicateIndex:
    """Fingerprints of every item in memory for one import run."""

    def __init__(self, threshold: float | None = None, persist: bool = True):
        self.threshold = threshold if threshold is not None else settings.IMPORT_NEAR_DUPLICATE
        self.persist = persist  # False for --dry-run: fingerprints are not saved
        self.bands: list[dict[bytes, set]] = [defaultdict(set) for _ in range(fingerprint.BANDS)]
        self.by_hash: dict[str, tuple[int, int]] = {}
        self.signatures: dict[tuple[int, int], object] = {}

    def load(self) -> DuplicateIndex:
        self._fingerprint_items()
        rows = ImportRecord.objects.values_list(
            "content_hash", "signature", "content_type_id", "object_id"
        )
        for digest, signature, ct_id, oid in rows.iterator(chunk_size=2000):
            self.remember(digest, fingerprint.from_bytes(bytes(signature)), (ct_id, oid))
        return self

    def remember(self, digest: str, signature, key: tuple[int, int]) -> None:
        self.by_hash[digest] = key
        if signature is not None and key not in self.signatures:
            self.signatures[key] = signature
            for table, band in zip(self.bands, fingerprint.band_keys(signature), strict=True):
                table[band].add(key)

    def forget(self, key: tuple[int, int]) -> None:
        self.by_hash = {d: k for d, k in self.by_hash.items() if k != key}
        signature = self.signatures.pop(key, None)
        if signature is not None:
            for table, band in zip(self.bands, fingerprint.band_keys(signature), strict=True):
                table[band].discard(key)

    def find(self, digest: str, signature) -> Match | None:
        key = self.by_hash.get(digest)
        if key is not None:
            return Match("exact", *key)
        if signature is None:
            return None
        candidates: set = set()
        for table, band in zip(self.bands, fingerprint.band_keys(signature), strict=True):
            candidates.update(table.get(band, ()))
        best = None
        for key in candidates:
            similarity = fingerprint.similarity(signature, self.signatures[key])
            if similarity >= self.threshold and (best is None or similarity > best.similarity):
                best = Match("near", *key, similarity=similarity)
        return best

    def _fingerprint_items(self) -> None:
        """Fingerprint items that have none or were edited since; drop records of deleted
        items."""
        for model in content_models():
            ct = ContentType.objects.get_for_model(model)
            records = ImportRecord.objects.filter(content_type=ct)
            if self.persist:
                records.exclude(object_id__in=model.objects.values("pk")).delete()
            taken = Subquery(records.filter(object_id=OuterRef("pk")).values("updated_at")[:1])
            stale = model.objects.annotate(fp_at=taken).filter(
                Q(fp_at__isnull=True) | Q(updated_at__gt=F("fp_at"))
            )
            for related in ("pairs", "examples"):
                if hasattr(model, related):
                    stale = stale.prefetch_related(related)
            for item in stale.iterator(chunk_size=500):
                self._fingerprint(ct, item)

    def _fingerprint(self, ct, item) -> None:
        parts = item_parts(item)
        digest = fingerprint.content_hash(parts)
        signature = fingerprint.minhash(parts)
        key = (ct.id, item.pk)
        if not self.persist:
            self.forget(key)
            if digest not in self.by_hash:
                self.remember(digest, signature, key)
            return
        try:
            with transaction.atomic():
                ImportRecord.objects.update_or_create(
                    content_type=ct,
                    object_id=item.pk,
                    defaults={"content_hash": digest, "signature": fingerprint.to_bytes(signature)},
                )
        except IntegrityError:
            pass  # the same text as another item: that item's record answers for both
