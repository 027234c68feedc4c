# publish: `make all` builds and checks every publication and writes the catalogue; `make test` runs the tests.
# Each target installs what it needs (.venv, the package) on a fresh machine.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PUBLISH := $(VENV)/bin/publish
OUT := build
# Every source/NAME.md, or source/NAME/index.md with its images beside it, is a publication.
SOURCE_DIR := source
FLAT := $(patsubst $(SOURCE_DIR)/%.md,%,$(wildcard $(SOURCE_DIR)/*.md))
FOLDERS := $(patsubst $(SOURCE_DIR)/%/index.md,%,$(wildcard $(SOURCE_DIR)/*/index.md))
NAMES := $(sort $(FLAT) $(FOLDERS))
SOURCES := $(foreach n,$(FLAT),$(SOURCE_DIR)/$(n).md) $(foreach n,$(FOLDERS),$(SOURCE_DIR)/$(n)/index.md)
# The editions are the package's (`publish editions` lists them); one command writes them all,
# then the publication's pages in build/NAME/, which stand for the editions here.
PAGES := index.html accessibility.html accessibility.json publication.json lint.txt
outputs = $(foreach p,$(PAGES),$(OUT)/$(1)/$(p))
PUBLISHED := $(foreach n,$(NAMES),$(call outputs,$(n)))
CATALOGUE := $(OUT)/index.html $(OUT)/feed.xml
SETTINGS := pyproject.toml $(wildcard publish.toml)
CODE := $(shell find src/publish -name '*.py' -o -name '*.typ' -o -name '*.css' -o -name '*.html' 2>/dev/null)

.PHONY: all lint pages test checkers bench mutation clean help venv

all: $(CATALOGUE) ## Build and check every publication into build/, then write the catalogue and feed

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z]+):.*## /  make \1\t/'
	@echo "  make edition-NAME	Build one edition (NAME from \`publish editions\`: pdf, brf, ...)"

$(VENV)/.installed: pyproject.toml tools/install-braille.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	bash tools/install-braille.sh $(VENV)
	touch $@

venv: $(VENV)/.installed ## Create .venv and install the package

# One parse of a source feeds every edition, so one command writes them all, then lints
# each against the source and writes the publication's pages. Each publication is its own
# rule, so `make -j` builds them in parallel and a change rebuilds only the one it touches.
# Every file is written atomically; on errors lint.txt is left out, so the next `make`
# checks again.
.SECONDEXPANSION:
$(call outputs,%): $(SOURCE_DIR)/%.md $(CODE) $(VENV)/.installed
	$(PUBLISH) build --check --source $< --out $(OUT)

$(call outputs,%): $(SOURCE_DIR)/%/index.md $$(wildcard $(SOURCE_DIR)/$$*/* $(SOURCE_DIR)/$$*/*/*) $(CODE) $(VENV)/.installed
	$(PUBLISH) build --check --source $< --out $(OUT)

# The catalogue is made from each publication's publication.json: no source is parsed again.
# The source folder changes when a publication is added, renamed or removed.
$(CATALOGUE) &: $(PUBLISHED) $(SETTINGS) $(SOURCE_DIR)
	$(PUBLISH) catalogue --out $(OUT) $(SOURCES)

edition-%: $(VENV)/.installed
	set -e; $(foreach s,$(SOURCES),$(PUBLISH) build $* --source $(s) --out $(OUT);)

lint: $(foreach n,$(NAMES),$(OUT)/$(n)/lint.txt) ## Build and check every publication with the accessibility linter

pages: $(CATALOGUE) ## Write each publication's download page and accessibility statement, and the catalogue

checkers: ## Install the independent checkers (DAISY Ace, axe-core; chromium, Java, Node when root)
	bash tools/install-checkers.sh

test: $(VENV)/.installed checkers ## Run the test suite, independent checkers included
	$(PY) -m pytest -q

bench: $(VENV)/.installed checkers ## Time the pipeline against bare pandoc/Typst and the checkers
	$(PY) benchmarks/bench.py

mutation: $(VENV)/.installed ## Mutation-test the linter's rule modules and the writers with the fast tests (slow; not in `make test`)
	$(PY) -m pip install --quiet --disable-pip-version-check 'mutmut==3.8.1'
	rm -rf mutants
	$(VENV)/bin/mutmut run --max-children 1
	$(VENV)/bin/mutmut results

clean: ## Remove build/
	rm -rf $(OUT)
