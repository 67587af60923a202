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
.PHONY: installer-smoke installer-windows central-smoke

run: $(STAMP_RUN)
	$(BIN)/python -m desktop

# CLMS_FROZEN_SMOKE=1 make test also builds the one-folder app and smoke-tests it.
test: $(STAMP_TEST) $(if $(filter 1,$(CLMS_FROZEN_SMOKE)),installer)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q
	$(MAKE) --no-print-directory lint

lint: $(STAMP_TEST)
	$(BIN)/lint-imports --no-logo
	$(BIN)/ruff check desktop sync_client central bundle_format reporting matching tests bench tools
	$(BIN)/ruff format --check desktop sync_client central bundle_format reporting matching tests bench tools
	$(BIN)/mypy --strict desktop/models desktop/rules desktop/services desktop/db.py desktop/vault desktop/cli sync_client central bundle_format reporting matching

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

# ---- installing on office PCs (issue 23; installer/README.md) ----------------------------
VERSION = $(shell $(BIN)/python -c "from desktop.version import __version__ as v; print(v)")

# Build the one-folder app (installer target above), then run the built programs:
# --version, the window's self-check over a demo folder, a Hindi PDF, a bundle round trip.
# With Wine installed it also runs a setup (install, upgrade, uninstall) in a Wine prefix.
installer-smoke: installer $(STAMP_TEST)
	CLMS_FROZEN_SMOKE=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q tests/test_frozen_app.py
	@if command -v wine64 >/dev/null 2>&1 || [ -x /usr/lib/wine/wine64 ]; then \
		CLMS_INSTALLER_WINE=1 $(BIN)/python -m pytest -q tests/test_installer.py; fi
	$(BIN)/python bench/build_size.py

# On Windows (NSIS 3 installed, makensis on PATH): dist/clms-desktop-VERSION-setup.exe.
installer-windows: installer
	makensis -WX -DVERSION=$(VERSION) installer/clms.nsi

# Central installed as central/deploy/README.md says, on 127.0.0.1: a throwaway PostgreSQL,
# the unit's ExecStart, nginx TLS, one bundle uploaded, a release, backup and log rotation.
central-smoke: $(STAMP_TEST)
	CLMS_CENTRAL_SMOKE=1 $(BIN)/python -m pytest -q tests/test_central_deploy.py
