# MASHdesk: the two commands the README leads with are `make run` and `make test`.
PYTHON ?= python3
STAMP := .make-installed
CORPORA ?= ../shared/corpora
DEMO_DB ?= $(CURDIR)/demo/mashdesk-demo.db

.PHONY: install run test test-fast corpus bench screenshots lint dist clean

$(STAMP): pyproject.toml
	$(PYTHON) -m pip install -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP)

## Launch the desktop app on an embedded SQLite store seeded with synthetic demo data.
run: $(STAMP)
	$(PYTHON) -m ui --db "$(DEMO_DB)" --demo

## Run the whole test suite (core, intake robustness, UI offscreen).
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PYTHON) -m pytest -n 2 --dist loadfile

test-fast: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PYTHON) -m pytest -m "not slow"

## Every file of the third-party corpus becomes a contact or is quarantined; prints the counts.
corpus: $(STAMP)
	$(PYTHON) -m mashdesk.tools.corpus_check "$(CORPORA)"

## Benchmarks: performance figures are measured here, never in unit tests.
bench: $(STAMP)
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(PYTHON) $$b || exit 1; done

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PYTHON) -m ui.screenshots docs/screenshots

lint: $(STAMP)
	$(PYTHON) -m ruff check mashdesk classifiers ui tests benchmarks

dist: $(STAMP)
	$(PYTHON) -m PyInstaller --noconfirm --distpath dist --workpath build packaging/mashdesk.spec

clean:
	rm -rf build dist $(STAMP) .pytest_cache
