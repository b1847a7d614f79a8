"""Upload size limit enforced while the request body is read (not only from its header).

`upload` checks Content-Length before reading anything; `SizeLimitHandler`, first in the
handler list, also counts the file bytes actually received and stops the upload as soon as
they pass the limit (a body without a truthful length). It also notes an upload that ended
half-way through a file, so the view can refuse it instead of keeping a stub. A chunked
body (no Content-Length) would look empty to Django, so `buffer_chunked_body` reads it first,
at most up to the limit, into a temporary file that then stands in for the body.
"""

import tempfile

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.core.handlers.wsgi import LimitedStream

# Room for the form's text fields and the multipart framing on top of the files' limit.
FORM_OVERHEAD = 256 * 1024


class SizeLimitHandler(FileUploadHandler):
    def __init__(self, request, limit: int):
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)  # read and discard the rest: a clean 413
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) keeps the data

    def upload_interrupted(self):
        self.request.upload_interrupted = True


def is_chunked(request) -> bool:
    encoding = request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
    return "chunked" in encoding and not request.META.get("CONTENT_LENGTH")


def buffer_chunked_body(request, most: int) -> bool:
    """Read a chunked body (decoded by the WSGI server) into a temporary file that becomes
    the request's body, with its length; False, with nothing kept, if it passes `most`
    bytes or the server cannot tell where it ends."""
    source = request.environ.get("wsgi.input")
    if source is None or not request.environ.get("wsgi.input_terminated"):
        return False  # reading to the end could block: treat as too large
    # Lives as long as the request's stream; an unlinked temporary file once it spills over.
    spool = tempfile.SpooledTemporaryFile(max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE)  # noqa: SIM115
    size = 0
    while block := source.read(64 * 1024):
        size += len(block)
        if size > most:
            spool.close()
            return False
        spool.write(block)
    spool.seek(0)
    request.META["CONTENT_LENGTH"] = str(size)
    request._stream = LimitedStream(spool, size)
    return True
