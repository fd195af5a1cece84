PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/syndicate run --mirror --db var/syndicate.db --out var/feeds --site-url file://$(CURDIR)/var/feeds/

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q

bench: $(STAMP)
	$(BIN)/python bench/dedupe_scale.py
	$(BIN)/python bench/extract_speed.py
	$(BIN)/python bench/fuzz_fields.py --n 10000
	$(BIN)/python bench/zh_extract.py
	$(BIN)/python bench/zh_extract.py --dir tests/zh_holdout

clean:
	rm -rf $(VENV) var
