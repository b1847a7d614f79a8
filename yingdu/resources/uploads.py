"""Upload size limit enforced while the request body is read (not only from its header).

`upload` checks Content-Length before reading anything; `SizeLimitHandler`, first in the
handler list, also counts the file bytes actually received and stops the upload as soon as
they pass the limit (a body without a truthful length, or chunked). It also notes an upload
that ended half-way through a file, so the view can refuse it instead of keeping a stub.
"""

from django.core.files.uploadhandler import FileUploadHandler, StopUpload

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
