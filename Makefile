# CLMS Desktop: `make run` starts the app, `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
ifeq ($(OS),Windows_NT)
BIN := $(VENV)/Scripts
else
BIN := $(VENV)/bin
endif
# pip install runs again only when pyproject.toml changes (or the venv is new).
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test

.PHONY: run test lint bench installer clean-venv screenshots translations

run: $(STAMP_RUN)
	$(BIN)/python -m desktop

test: $(STAMP_TEST)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
	$(MAKE) --no-print-directory lint

lint: $(STAMP_TEST)
	$(BIN)/lint-imports --no-logo
	$(BIN)/ruff check desktop sync_client central bundle_format tests bench tools
	$(BIN)/ruff format --check desktop sync_client central bundle_format tests bench tools
	$(BIN)/mypy --strict desktop/models desktop/rules desktop/services desktop/db.py desktop/vault desktop/cli sync_client central bundle_format

bench: $(STAMP_RUN)
	$(BIN)/python bench/run_all.py

# A PNG of every screen and dialog with demo data, English and Hindi, in screenshots/
# (on a 1366x768 Xvfb screen when available).
screenshots: $(STAMP_RUN)
	@if command -v xvfb-run >/dev/null 2>&1; then \
		xvfb-run -a -s "-screen 0 1366x768x24" $(BIN)/python tools/screenshots.py; \
	else \
		echo "xvfb-run not found: drawing offscreen (fonts may differ from a real screen)"; \
		QT_QPA_PLATFORM=offscreen $(BIN)/python tools/screenshots.py; \
	fi

# PNGs of central's web pages from a real headless Chromium (Debian's chromium), in
# web-screenshots/ (issue 17).
.PHONY: web-screenshots
web-screenshots: $(STAMP_TEST)
	$(BIN)/python tools/web_screenshots.py --out web-screenshots

# Find new window strings (lupdate), give them Hindi from tools/hindi.py, build the .qm.
translations: $(STAMP_TEST)
	$(BIN)/python tools/hindi.py

installer: $(STAMP_RUN)
	$(BIN)/python -m pip install 'pyinstaller>=6.3'
	$(BIN)/python -m PyInstaller --noconfirm --clean installer/clms.spec

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e '.[desktop]'
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -e '.[desktop,central,test]'
	touch $@ $(STAMP_RUN)

clean-venv:
	rm -rf $(VENV)
