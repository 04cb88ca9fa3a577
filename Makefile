# Two entry points for a fresh machine: `make demo` and `make test`.
# Every install step lives here so CI (a clean checkout) needs nothing by hand.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
KG := $(VENV)/bin/kg

.PHONY: train demo test install install-dev lint typecheck bench bench-hybrid clean web tools js-checks eval

# The stamp files make re-runs cheap: pip runs again only when pyproject.toml changes.
$(VENV)/.stamp-base: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.stamp-dev: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(VENV)/.stamp-base $@

install: $(VENV)/.stamp-base
install-dev: $(VENV)/.stamp-dev

demo: install
	$(KG) build examples/articles -o exports/graph.ttl

test: install-dev
	$(PY) -m pytest

# Scores on the gold sets (open mode, then with the gold entity lists given); a set not written yet is skipped.
GOLD_SETS := $(wildcard tests/gold/dev.jsonl tests/gold/test.jsonl)
eval: install
	@test -n "$(GOLD_SETS)" || echo "no tests/gold/dev.jsonl or tests/gold/test.jsonl yet"
	@for gold in $(GOLD_SETS); do $(KG) eval $$gold && $(KG) eval $$gold --given-entities || exit $$?; done

# The HTML view's JavaScript: sigma.js + graphology from npm (pinned by package-lock.json), bundled by esbuild
# into graph/export/web/dist/view.js, which graph/export/html_page.py inlines. Rebuilt only when its inputs change.
WEB := graph/export/web
web: $(WEB)/dist/view.js

$(WEB)/dist/view.js: $(WEB)/src/view.js $(WEB)/package.json $(WEB)/package-lock.json
	@command -v npm >/dev/null || { echo "make web needs node and npm (make tools installs them)"; exit 2; }
	cd $(WEB) && npm ci --no-audit --no-fund && npm run build

# Outside tools some tests drive; those tests skip without them, and fail under CI=true.
tools:
	command -v chromium >/dev/null || { apt-get update && apt-get install -y --no-install-recommends chromium; }
	command -v jing >/dev/null || { apt-get update && apt-get install -y --no-install-recommends jing; }
	command -v npm >/dev/null || { apt-get update && apt-get install -y --no-install-recommends nodejs npm; }
	$(MAKE) js-checks

# graphology + graphology-gexf for the GEXF load test (tests/js/load_gexf.mjs), pinned by its package-lock.json.
# No root needed: run it alone when node is already installed.
js-checks: tests/js/node_modules/.package-lock.json

tests/js/node_modules/.package-lock.json: tests/js/package.json tests/js/package-lock.json
	npm --prefix tests/js ci --no-audit --no-fund

lint: install-dev
	$(VENV)/bin/ruff check graph tests benchmarks
	$(VENV)/bin/mypy

# The generator writes .complete last, so an interrupted generation is redone rather than benchmarked.
BENCH_CORPORA := benchmarks/corpora/zh-5MB-seed1/.complete benchmarks/corpora/en-5MB-seed1/.complete
benchmarks/corpora/%-5MB-seed1/.complete: benchmarks/generate_corpus.py | install
	$(PY) benchmarks/generate_corpus.py --lang $* --size 5MB --seed 1

bench: install $(BENCH_CORPORA)
	$(PY) benchmarks/run_build_speed.py --zh benchmarks/corpora/zh-5MB-seed1 --en benchmarks/corpora/en-5MB-seed1

# Issue 7's speed target: hybrid vs rules-only, each mode in a fresh process, on the examples and a mixed set.
bench-hybrid: install $(BENCH_CORPORA)
	$(PY) benchmarks/bench_hybrid_build.py examples/articles
	$(PY) benchmarks/bench_hybrid_build.py --max-chars-per-path 135000 examples/articles \
		benchmarks/corpora/en-5MB-seed1 benchmarks/corpora/zh-5MB-seed1

# The relation scorer (graph/relation_scorer/model, shipped in the package) from the public corpora, fixed seed; prints the
# training time, then the figures table of docs/model.md. TRAIN_DATA is never copied into the repository.
TRAIN_DATA ?= ../shared/train
train: install
	$(PY) -m graph.relation_scorer.trainer --data $(TRAIN_DATA) $(if $(wildcard tests/gold/dev.jsonl),--gold tests/gold/dev.jsonl) --out graph/relation_scorer/model
	$(PY) -m graph.relation_scorer.evaluation --data $(TRAIN_DATA) $(if $(wildcard tests/gold/dev.jsonl),--gold tests/gold/dev.jsonl)

clean:
	rm -rf $(VENV) exports/*.ttl exports/*.nt exports/*.trig exports/*.jsonld
