# publish: `make all` builds and checks every edition; `make test` runs the tests.
# Each target installs what it needs (.venv, the package) on a fresh machine.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PUBLISH := $(VENV)/bin/publish
SOURCE := source/letter.md
OUT := build
NAME := $(basename $(notdir $(SOURCE)))
EDITIONS := pdf docx epub txt html
EDITION_FILES := $(foreach e,$(EDITIONS),$(OUT)/$(NAME).$(e))
CHECKED := $(OUT)/lint.txt $(OUT)/index.html $(OUT)/accessibility.html $(OUT)/accessibility.json
INPUTS := $(wildcard source/*) $(shell find src/publish -name '*.py' -o -name '*.typ' -o -name '*.css' -o -name '*.html' 2>/dev/null)

.PHONY: all $(EDITIONS) lint pages test checkers bench mutation clean help venv

all: $(CHECKED) ## Build every edition into build/, check it, write the download page and report

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z]+):.*## /  make \1\t/'
	@echo "  make pdf|docx|epub|txt|html	Build the editions (one parse writes them all)"

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	touch $@

venv: $(VENV)/.installed ## Create .venv and install the package

# One parse of the source feeds every edition, so one command writes them all, then lints
# each against the source and writes the pages. Every file is written atomically; on
# errors lint.txt is left out, so the next `make` checks again.
$(EDITION_FILES) $(CHECKED) &: $(INPUTS) $(VENV)/.installed
	$(PUBLISH) build --check --source $(SOURCE) --out $(OUT)

$(EDITIONS): %: $(OUT)/$(NAME).%

lint: $(OUT)/lint.txt ## Build and check the editions with the accessibility linter

pages: $(CHECKED) ## Write the download page and the accessibility report and statement

checkers: ## Install the independent checkers (DAISY Ace, axe-core; chromium, Java, Node when root)
	bash tools/install-checkers.sh

test: $(VENV)/.installed checkers ## Run the test suite, independent checkers included
	$(PY) -m pytest -q

bench: $(VENV)/.installed checkers ## Time the pipeline against bare pandoc/Typst and the checkers
	$(PY) benchmarks/bench.py

mutation: $(VENV)/.installed ## Mutation-test the linter's rule modules with the fast tests (slow; not in `make test`)
	$(PY) -m pip install --quiet --disable-pip-version-check 'mutmut==3.8.1'
	rm -rf mutants
	$(VENV)/bin/mutmut run --max-children 2
	$(VENV)/bin/mutmut results

clean: ## Remove build/
	rm -rf $(OUT)
