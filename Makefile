PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run serve browse test bench bench-full clean

install: $(STAMP)

# pip stays quiet (a hundred "Collecting ..." lines say less than the two echo lines); setuptools'
# note on every editable install (folders named like the package in the working directory may
# shadow it: here they are the package) is filtered by its text, nothing else.
$(STAMP): export PYTHONWARNINGS = ignore:Editable installation
$(STAMP): pyproject.toml
	@echo "Installing csr-syndicate and its dependencies into $(VENV) (first run only, about 2 minutes)..."
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $(STAMP)
	@echo "Installed: $$($(BIN)/pip list --format=freeze | wc -l) packages in $(VENV) (make clean removes it)."

# Feeds are published for the address `make serve` serves them at (SYNDICATE_SITE_URL's default),
# so their self, archive and category links can be followed.
run: $(STAMP)
	$(BIN)/syndicate run --mirror --db var/syndicate.db --out var/feeds

serve: $(STAMP)
	$(BIN)/syndicate serve --out var/feeds

# The store in Datasette (installed with the test extra): http://127.0.0.1:8001/
browse: $(STAMP)
	$(BIN)/syndicate browse --db var/syndicate.db

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
	$(BIN)/python bench/bilingual.py
	$(BIN)/python bench/bilingual.py --cost --background 2000

# The figures of bench/README.md at full scale (about an hour on 2 cores).
bench-full: $(STAMP)
	$(BIN)/python bench/crawl.py
	$(BIN)/python bench/dedupe_scale.py
	$(BIN)/python bench/near_dup.py --size 5000
	$(BIN)/python bench/publish.py
	$(BIN)/python bench/fuzz_fields.py --n 10000
	$(BIN)/python bench/bilingual.py --corpus pooled
	$(BIN)/python bench/bilingual.py --cost --background 100000

clean:
	rm -rf $(VENV) var
