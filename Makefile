# Two entry points for a fresh machine: `make run` and `make test` (see README.md).
PY ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint deps clean

$(STAMP): pyproject.toml
	test -x $(VPY) || $(PY) -m venv $(VENV)
	$(VPY) -m pip install --quiet --upgrade pip
	$(VPY) -m pip install --quiet ".[test]"
	touch $(STAMP)

deps:
	bash tools/system-deps.sh

run: deps $(STAMP)
	$(VPY) main.py

test: deps $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VPY) -m pytest

lint: $(STAMP)
	$(VPY) -m ruff check .
	$(VPY) -m mypy

clean:
	rm -rf $(VENV) build *.egg-info
