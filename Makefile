# One entry point for every task. `make demo` and `make test` are the README's two quick-start commands.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-fast lint typecheck bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,ocr,web,mcp,semantic,publish,postgres]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/readingroom demo

test: $(STAMP)
	$(BIN)/python -m pytest

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m 'not slow' -x -q

lint: $(STAMP)
	$(BIN)/ruff check readingroom tests bench scripts

typecheck: $(STAMP)
	$(BIN)/mypy readingroom

bench: $(STAMP)
	$(BIN)/python bench/ask_eval.py

clean:
	rm -rf $(VENV) build *.egg-info archive.db archive.db-wal archive.db-shm
