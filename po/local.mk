# po/: the translations (GNU gettext, docs/i18n.md). Each language in
# po/LINGUAS has a po/LANG.po; msgfmt --check compiles it at build time into
# po/locale/LANG/LC_MESSAGES/flinksim.mo, where an uninstalled ./flinksim
# finds it (cli/locale.c), and `make install` copies it under $(localedir).
# `make update-po` regenerates po/flinksim.pot from the sources listed in
# po/POTFILES and merges it into every .po; tests/po-check.sh fails when a
# message is untranslated or fuzzy or the .pot is out of date.
FSIM_LINGUAS = zh_CN
FSIM_MO_FILES = $(FSIM_LINGUAS:%=po/locale/%/LC_MESSAGES/$(GETTEXT_PACKAGE).mo)
EXTRA_DIST += %D%/POTFILES %D%/LINGUAS %D%/make-pot.sh %D%/$(GETTEXT_PACKAGE).pot \
	$(FSIM_LINGUAS:%=%D%/%.po)
CLEANFILES += $(FSIM_MO_FILES)

po/locale/%/LC_MESSAGES/$(GETTEXT_PACKAGE).mo: $(srcdir)/po/%.po
	@$(MKDIR_P) $(@D)
	$(AM_V_GEN)$(MSGFMT) --check -o $@ $<

all-local: $(FSIM_MO_FILES)

install-data-local: $(FSIM_MO_FILES)
	@for lang in $(FSIM_LINGUAS); do \
	  dir="$(DESTDIR)$(localedir)/$$lang/LC_MESSAGES"; \
	  $(MKDIR_P) "$$dir" && \
	  $(INSTALL_DATA) po/locale/$$lang/LC_MESSAGES/$(GETTEXT_PACKAGE).mo "$$dir/$(GETTEXT_PACKAGE).mo" || exit 1; \
	done

uninstall-local:
	@for lang in $(FSIM_LINGUAS); do \
	  rm -f "$(DESTDIR)$(localedir)/$$lang/LC_MESSAGES/$(GETTEXT_PACKAGE).mo"; \
	done

update-po:
	XGETTEXT=$(XGETTEXT) $(SHELL) $(srcdir)/po/make-pot.sh $(srcdir) $(srcdir)/po/$(GETTEXT_PACKAGE).pot
	@for lang in $(FSIM_LINGUAS); do \
	  echo "  MERGE    po/$$lang.po"; \
	  $(MSGMERGE) --quiet --update --backup=none $(srcdir)/po/$$lang.po \
	    $(srcdir)/po/$(GETTEXT_PACKAGE).pot || exit 1; \
	done
.PHONY: update-po

# The catalog is complete and up to date, and flinksim speaks Chinese in the
# real zh_CN.UTF-8 locale (skips when it is not generated). Listed here
# rather than in tests/local.mk: they test what this folder delivers.
TESTS += tests/po-check.sh tests/i18n-locale.sh
EXTRA_DIST += tests/po-check.sh tests/i18n-locale.sh
