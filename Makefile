PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run serve test bench bench-full clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Feeds are published for the address `make serve` serves them at (SYNDICATE_SITE_URL's default),
# so their self, archive and category links can be followed.
run: $(STAMP)
	$(BIN)/syndicate run --mirror --db var/syndicate.db --out var/feeds

serve: $(STAMP)
	$(BIN)/syndicate serve --out var/feeds

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 -q

# The quick benches: every row of bench/README.md's table at a small scale (a few minutes).
bench: $(STAMP)
	$(BIN)/python bench/crawl.py --runs 1 --articles 100
	$(BIN)/python bench/dedupe_scale.py --sizes 1000 10000
	$(BIN)/python bench/near_dup.py
	$(BIN)/python bench/publish.py --stories 5000 --runs 1
	$(BIN)/python bench/extract_speed.py --repeat 3
	$(BIN)/python bench/fuzz_fields.py --n 1000
	$(BIN)/python bench/zh_extract.py
	$(BIN)/python bench/zh_extract.py --dir tests/zh_holdout

# The figures of bench/README.md at full scale (about an hour on 2 cores).
bench-full: $(STAMP)
	$(BIN)/python bench/crawl.py
	$(BIN)/python bench/dedupe_scale.py
	$(BIN)/python bench/near_dup.py --size 5000
	$(BIN)/python bench/publish.py
	$(BIN)/python bench/fuzz_fields.py --n 10000

clean:
	rm -rf $(VENV) var
