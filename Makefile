# Two entry points for a fresh machine: `make run` and `make test` (see README.md).
PY ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint deps clean i18n fuzz kill bundle bundle-test bench bench-engines test-postgresql load-test

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

# Every test that takes the store, again on PostgreSQL (needs JULIU_TEST_DATABASE_URL: tools/pg-test-cluster.sh; docs/firm.md)
PG_TEST_ARGS = tests --engine-tests-only
test-postgresql: deps $(STAMP)
	@test -n "$$JULIU_TEST_DATABASE_URL" || { echo "set JULIU_TEST_DATABASE_URL (tools/pg-test-cluster.sh start DIR)"; exit 2; }
	QT_QPA_PLATFORM=offscreen JULIU_TEST_ENGINE=postgresql $(VPY) -m pytest $(PG_TEST_ARGS)

# Five staff saving at once for LOAD_SECONDS on a throwaway local server: no lost update, every change seen by all
# (bench/firm/load.py; figures in bench/firm/README.md; the suite runs 3 s of it in tests/bench/test_firm_load.py).
LOAD_PG ?= /tmp/juliu-load-pg
LOAD_SECONDS ?= 60
load-test: deps $(STAMP)
	bash tools/pg-test-cluster.sh stop $(LOAD_PG); rm -rf $(LOAD_PG)
	url=$$(JULIU_PG_TEST_PORT=$${JULIU_PG_TEST_PORT:-54339} bash tools/pg-test-cluster.sh start $(LOAD_PG)) && \
	  $(VPY) -m bench.firm.load "$$url" --staff 5 --seconds $(LOAD_SECONDS); \
	  status=$$?; bash tools/pg-test-cluster.sh stop $(LOAD_PG); rm -rf $(LOAD_PG); exit $$status

lint: $(STAMP)
	$(VPY) -m ruff check .
	$(VPY) -m mypy

clean:
	rm -rf $(VENV) build dist *.egg-info

# Re-extract user-visible strings, merge them into the zh_CN catalog and fill known translations.
i18n: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg --no-location --sort-output --project Juliu -o locales/messages.pot \
	  --ignore-dirs ".venv tests bench shots" .
	$(VENV)/bin/pybabel update -i locales/messages.pot -d locales -l zh_CN --ignore-obsolete
	$(VPY) tools/translate_zh.py

# A one-folder bundle (dist/juliu/juliu) and its archive with install/uninstall scripts (docs/install.md).
bundle: deps $(STAMP)
	$(VPY) -m pip install --quiet ".[bundle]"
	rm -rf dist/juliu build/pyinstaller
	$(VPY) -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller packaging/juliu.spec
	sh packaging/linux/make-archive.sh

# The bundle's smoke test (CI runs it after the suite): CLI, packet, window, install from the archive.
bundle-test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VPY) -m pytest -m bundle -p no:randomly tests/bundle

# Fuzz the importers and the CLI at length (issue 12): figures printed at the end; the normal suite runs 40 each.
fuzz: $(STAMP)
	JULIU_FUZZ=long QT_QPA_PLATFORM=offscreen $(VPY) -m pytest -q tests/fuzz -p no:cacheprovider

# SIGKILL imports mid-write 100 times each; integrity and all-or-nothing asserted (the normal suite runs 2).
kill: $(STAMP)
	JULIU_KILL_TRIALS=100 QT_QPA_PLATFORM=offscreen $(VPY) -m pytest -q -s tests/kill

# The benchmarks at full length, figures printed (the suite runs short versions in tests/bench): presence at 1k-100k
# crossings, a packet with 30 scans, and the firm (a generated 10,000-client store, ~90 s the first time, kept under
# BENCH_WORK; start-up ratios, the window at scale, `deadlines --json`). Record the figures in each bench/*/README.md.
BENCH_WORK ?= /tmp/juliu-bench-firm
bench: $(STAMP)
	$(VPY) bench/presence/run.py
	$(VPY) bench/packet/bench_packet.py
	QT_QPA_PLATFORM=offscreen $(VPY) -m bench.firm.run --work $(BENCH_WORK)

# The window on PostgreSQL against the SQLite file, same 10,000-client store, as ratios in one run (issue 13; target
# <= 2x): needs JULIU_TEST_DATABASE_URL, a server where that login may CREATE DATABASE (tools/pg-test-cluster.sh).
bench-engines: $(STAMP)
	@test -n "$$JULIU_TEST_DATABASE_URL" || { echo "set JULIU_TEST_DATABASE_URL (tools/pg-test-cluster.sh start DIR)"; exit 2; }
	QT_QPA_PLATFORM=offscreen $(VPY) -m bench.firm.engines --url "$$JULIU_TEST_DATABASE_URL" --work $(BENCH_WORK)
