# Alliance: `make run` and `make test` do all set-up on a fresh machine.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
# python3.10 as the machine has it: on PATH, or through pyenv.
PYTHON310 := $(shell for p in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10; do \
	$$p -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1 && { echo $$p; break; }; done)

SPACY_MODEL := build/spacy/en_alliance/meta.json
MINILM := build/minilm/model.safetensors
TRAINING_INPUTS := config.yml domain.yml bot/understanding/intent_classifier.py bot/understanding/knowledge_selector.py $(shell find data/nlu data/stories -name "*.yml")
MODEL_STAMP := models/.trained

export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONHASHSEED := 0
# Deprecation notices from third-party packages (SQLAlchemy's 2.0 notices,
# pyparsing, pkg_resources, click, jax) say nothing about this project: they
# are ignored in every Python process make starts; ruff and the tests check
# our own code.
export PYTHONWARNINGS := ignore::DeprecationWarning
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
# Progress bars only on a terminal.
ifeq ($(shell test -t 1 && echo tty),)
export TQDM_DISABLE := 1
endif
# One line per stage (tests/stage.py); the whole output goes to build/logs/.
STAGE := $(PY) -m tests.stage
# Rasa's telemetry and crash reports would send data off the machine.
export RASA_TELEMETRY_ENABLED := false

.PHONY: help setup run run-cluster shell test lint validate stories eval bench migrate purge export clean

help:
	@echo "make run    set up, train when needed, start the assistant"
	@echo "make test   set up, train when needed, run every test"
	@echo "make run-cluster   the same behind nginx: 2 replicas on PostgreSQL and Redis (docs/cluster.md)"
	@echo "make shell  chat in the terminal"
	@echo "make eval   what each level got on the evaluation sets (ROLE=dev|sealed|legacy for one group)"
	@echo "make bench  Alliance beside a bare Rasa bot: latency, throughput, memory, safety screen cost"
	@echo "make purge  delete conversations and saved data past their retention period"
	@echo "make export SENDER=<conversation id>   everything stored about one conversation (web:..., telegram:...), as JSON"

$(VENV)/.installed: pyproject.toml requirements.lock
	@test -n "$(PYTHON310)" || { echo "python3.10 is needed (rasa 3.6 runs on 3.8-3.10)"; exit 1; }
	test -x $(PY) || $(PYTHON310) -m venv $(VENV)
	@$(STAGE) install-tools -- $(PY) -m pip install --quiet --upgrade "pip==23.3.2" "setuptools==69.5.1" "wheel==0.45.1"
	@$(STAGE) install -- $(PY) -m pip install --quiet -c requirements.lock -e ".[dev]"
	@touch $@

$(SPACY_MODEL): $(VENV)/.installed bot/understanding/build_spacy.py
	@$(STAGE) spacy -- $(PY) -m bot.understanding.build_spacy

# The official all-MiniLM-L6-v2 files, checked against pinned digests (bot/understanding/sentence_encoder.py).
# The knowledge selector reads sentence embeddings from them (bot/understanding/knowledge_selector.py).
$(MINILM): $(VENV)/.installed bot/understanding/sentence_encoder.py
	@$(STAGE) minilm -- $(PY) -m bot.understanding.sentence_encoder
	@touch $@

$(MODEL_STAMP): $(VENV)/.installed $(SPACY_MODEL) $(MINILM) $(TRAINING_INPUTS)
	@rm -f models/*.tar.gz
	@mkdir -p build && touch build/.train-started
	@echo "train: training the model (about 6 minutes on 2 cores; progress in build/logs/train.log)"
	@$(STAGE) train -- $(RASA) train --config config.yml --domain domain.yml --data data/nlu data/stories \
		--out models --fixed-model-name alliance
	@# dated when training started: an input edited meanwhile makes the model out of date
	@touch -r build/.train-started $@

setup: $(MODEL_STAMP)

run: setup
	$(PY) -m bot.serve.run

# Debian's postgresql, redis-server and nginx are installed when missing (as root).
run-cluster: setup
	@bash deploy/install-packages.sh
	$(PY) -m bot.cluster.run

shell: setup
	$(PY) -m bot.serve.shell

validate: $(VENV)/.installed
	@$(STAGE) validate -- $(RASA) data validate --config config.yml --domain domain.yml --data data/nlu data/stories

stories: setup
	@$(STAGE) stories -- $(RASA) test core --model models --stories tests/stories --endpoints endpoints.yml \
		--out build/results/stories --fail-on-prediction-errors

lint: $(VENV)/.installed
	@$(STAGE) lint -- $(VENV)/bin/ruff check --select F,E9 bot actions tests

test: setup lint validate stories
	@$(STAGE) pytest -- $(PY) -m pytest -q

eval: setup
	$(PY) -m tests.eval.evaluate $(if $(ROLE),--role $(ROLE))

bench: setup
	$(PY) -m tests.bench $(if $(CLUSTER),--cluster)

migrate: $(VENV)/.installed
	$(PY) -m bot.serve.cli migrate

purge: $(VENV)/.installed
	$(PY) -m bot.serve.cli purge

export: $(VENV)/.installed
	@test -n "$(SENDER)" || { echo "usage: make export SENDER=<conversation id, e.g. rest:me or telegram:42>"; exit 2; }
	@$(PY) -m bot.serve.cli export "$(SENDER)"

clean:
	rm -rf build models .rasa $(VENV)
