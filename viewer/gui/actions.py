"""Every action of the window in one table (Meld's accelerators): text, slot, shortcut, tip, icon.

A slot is a dotted path from the window ("files.ask_open", "state.zoom_in") or a function of the
window; a checkable action names the window attribute holding its first state. The window gets
each action as the attribute the table names (``window.act_open``).
"""
from __future__ import annotations

import functools
from operator import attrgetter
from collections.abc import Callable, Collection
from typing import NamedTuple

from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QStyle, QWidget

from viewer.engine.model import Kind
from viewer.engine.transformer import find_transformer
from viewer.gui.palette import THEMES
from viewer.gui.settings import OPTION_KEYS

K = QKeySequence.StandardKey
Role = QAction.MenuRole


class Spec(NamedTuple):
    """One row of the table."""

    name: str                                   # the window attribute
    text: str
    slot: str | Callable | None = None          # dotted path from the window, or fn(window)
    shortcut: object = None                     # a key sequence, a standard key, or a list of them
    tip: str = ""
    icon: str | None = None                     # a freedesktop icon name
    checked: str | None = None                  # checkable: dotted path of its first state
    role: QAction.MenuRole | None = None        # where macOS puts it


ACTIONS = (
    # File
    Spec("act_open", "&Open…", "files.ask_open", K.Open, "Open versions of a story (replaces the current ones)",
         "document-open"),
    Spec("act_add", "&Add Version…", "files.ask_add", "Ctrl+Shift+O", "Add files as more versions", "list-add"),
    Spec("act_add_folder", "Add &Folder…", "files.ask_add_folder", None, "Add every story file in a folder"),
    Spec("act_open_url", "Open &URL…", "files.ask_open_url", "Ctrl+Shift+U",
         "Fetch a web page, PDF or Word file by its address and add it as a version (a snapshot is kept)"),
    Spec("act_paste", "&Paste as New Version", "files.paste_clipboard", "Ctrl+Shift+V",
         "Add the text on the clipboard as a version", "edit-paste"),
    Spec("act_sample", "Open &Sample Story", "files.open_sample", None, "The bundled four-version sample story"),
    Spec("act_open_session", "Open Se&ssion…", "files.ask_open_session", None, "Reopen a saved comparison"),
    Spec("act_save_session", "&Save Session…", lambda w: w.files.ask_export("session"), K.Save,
         "Save the versions, base and options to reopen later", "document-save"),
    Spec("act_export_json", "Export &JSON…", lambda w: w.files.ask_export("json"), None,
         "The comparison in storydiff's JSON format"),
    Spec("act_export_html", "Export &HTML Report…", lambda w: w.files.ask_export("html"), "Ctrl+E",
         "A self-contained HTML page of the comparison", "document-export"),
    Spec("act_export_pdf", "Export P&DF…", lambda w: w.files.ask_export("pdf"), None, "The report as a PDF file"),
    Spec("act_export_csv", "Export &CSV…", lambda w: w.files.ask_export("csv"), None,
         "Every sentence of every version, with its kind, link and facts, after the evidence trail"),
    Spec("act_export_facts_csv", "Export CSV of Changed &Facts…", lambda w: w.files.ask_export("facts_csv"), None,
         "The changed facts (not those dismissed) as a spreadsheet file"),
    Spec("act_print", "&Print…", "files.ask_print", K.Print, "Print the report", "document-print"),
    Spec("act_close", "&Close", "close_comparison", K.Close, "Close these versions", "window-close"),
    Spec("act_quit", "&Quit", "close", K.Quit, "Quit storydiff", "application-exit", role=Role.QuitRole),
    # Edit
    Spec("act_copy", "&Copy", "page.copy_cell", K.Copy, "Copy the text of the current cell", "edit-copy"),
    Spec("act_copy_row", "Copy &Row", "page.copy_row", "Ctrl+Shift+C", "Copy every version's text of this row"),
    Spec("act_find", "&Find…", "page.open_find", K.Find, "Find text in any version", "edit-find"),
    Spec("act_find_next", "Find &Next", "page.find_again", K.FindNext),
    Spec("act_find_prev", "Find Pre&vious", lambda w: w.page.find_again(False), K.FindPrevious),
    # View
    Spec("act_zoom_in", "Zoom &In", "state.zoom_in", [K.ZoomIn, "Ctrl+="], icon="zoom-in"),
    Spec("act_zoom_out", "Zoom &Out", "state.zoom_out", K.ZoomOut, icon="zoom-out"),
    Spec("act_zoom_reset", "&Normal Size", "state.zoom_reset", "Ctrl+0", icon="zoom-original"),
    Spec("act_legend", "&Legend", "state.set_legend_visible", None, "Kinds of change and their counts",
         checked="state.show_legend"),
    Spec("act_overview", "&Overview Strip", "state.set_overview_visible", None, "Every change at a glance",
         checked="state.show_overview"),
    Spec("act_detail", "&Detail Pane", "state.set_detail_visible", "F9", "Word-by-word differences of the row",
         checked="state.show_detail"),
    Spec("act_facts", "F&acts", "state.set_facts_visible", "F8",
         "Every changed fact across the versions: filter, jump to its row, dismiss", checked="state.show_facts"),
    Spec("act_furniture", "Page &Furniture", "state.set_furniture_visible", "Ctrl+Shift+F",
         "Show navigation, credits and other page furniture (dimmed)", checked="state.show_furniture"),
    Spec("act_filter_all", "Show &All Rows", lambda w: w.page.set_kind_filter(frozenset()), "Ctrl+Shift+A"),
    # Go
    Spec("act_next", "&Next Change", "page.next_change", "Alt+Down", "Go to the next changed row", "go-down"),
    Spec("act_prev", "&Previous Change", "page.previous_change", "Alt+Up", "Go to the previous changed row", "go-up"),
    Spec("act_next_omission", "Next &Omission", "page.next_omission", "Ctrl+Alt+Down",
         "Go to the next sentence a version left out"),
    Spec("act_prev_omission", "Previous O&mission", "page.previous_omission", "Ctrl+Alt+Up"),
    Spec("act_counterpart", "&Jump to Original Position", "page.jump_to_counterpart", "Ctrl+J",
         "For a moved sentence: where it sits in its own version"),
    # Versions
    Spec("act_make_base", "Make Current Version the &Base", lambda w: w.document.set_base(w.view.current_column()),
         "Ctrl+B", "Compare the other versions with this one"),
    Spec("act_move_left", "Move Version &Left", lambda w: w.move_current(-1), "Ctrl+Shift+Left"),
    Spec("act_move_right", "Move Version &Right", lambda w: w.move_current(1), "Ctrl+Shift+Right"),
    Spec("act_remove", "Re&move Version", lambda w: w.document.remove(w.view.current_column()), "Ctrl+Delete",
         "Take the current version out of the comparison", "list-remove"),
    # Help
    Spec("act_about", "&About storydiff", "show_about", icon="help-about", role=Role.AboutRole),
    Spec("act_about_qt", "About &Qt", lambda w: QApplication.aboutQt(), role=Role.AboutQtRole),
    Spec("act_cancel", "Cancel", "cancel_job", "Esc", "Stop the running comparison, or close the find bar"),
)
# Actions that act on the comparison on screen: disabled while there is none.
ON_A_COMPARISON = ("act_save_session", "act_export_json", "act_export_html", "act_export_pdf", "act_export_csv",
                   "act_export_facts_csv", "act_print", "act_copy", "act_copy_row", "act_find", "act_find_next",
                   "act_find_prev",
                   "act_next", "act_prev", "act_next_omission", "act_prev_omission", "act_counterpart",
                   "act_make_base", "act_move_left", "act_move_right", "act_remove", "act_filter_all")
FILTER_KINDS = (Kind.EDITED, Kind.PARAPHRASE, Kind.PARTIAL, Kind.OMITTED, Kind.ADDED, Kind.IDENTICAL)
OPTION_LABELS = {
    "ignore_case": "Ignore &Case",
    "ignore_punctuation": "Ignore &Punctuation",
    "ignore_quotes": "Ignore &Quote Style",
    "transformer": "Re-score Uncertain Pairs with a &Transformer (slow)",
}
OPTION_TIPS = {
    "transformer": "A full sentence-transformer (storydiff[semantic]) judges the pairs the fast "
                   "models are unsure of; about 4 s per 1,000 sentences",
}
# Icons from the style where the desktop has no icon theme (e.g. a bare X server).
_FALLBACK_ICONS = {
    "document-open": QStyle.StandardPixmap.SP_DialogOpenButton,
    "list-add": QStyle.StandardPixmap.SP_FileIcon,
    "go-down": QStyle.StandardPixmap.SP_ArrowDown,
    "go-up": QStyle.StandardPixmap.SP_ArrowUp,
    "document-export": QStyle.StandardPixmap.SP_DialogSaveButton,
    "document-save": QStyle.StandardPixmap.SP_DialogSaveButton,
    "window-close": QStyle.StandardPixmap.SP_DialogCloseButton,
    "help-about": QStyle.StandardPixmap.SP_MessageBoxInformation,
    "list-remove": QStyle.StandardPixmap.SP_TrashIcon,
}


def create_actions(window: QWidget) -> None:
    """Give ``window`` every action of the table, its kind filters and its options."""
    for spec in ACTIONS:
        slot = spec.slot
        if isinstance(slot, str):
            slot = attrgetter(slot)(window)
        elif slot is not None:
            slot = functools.partial(slot, window)
        checked = attrgetter(spec.checked)(window) if spec.checked else None
        action = make_action(window, spec.text, slot, spec.shortcut, spec.tip, spec.icon, checked)
        if spec.role is not None:
            action.setMenuRole(spec.role)
        setattr(window, spec.name, action)
    window.filter_actions = {
        kind: make_action(window, kind.label, functools.partial(window.page.filter_kind, kind),
                          tip=f"Show only rows with {kind.value} sentences", checked=False)
        for kind in FILTER_KINDS}
    options = window.document.options
    window.option_actions = {
        key: make_action(window, OPTION_LABELS[key], functools.partial(window.document.set_option, key),
                         tip=OPTION_TIPS.get(key, "What counts as identical"), checked=options.get(key, False))
        for key in OPTION_KEYS}
    themes = QActionGroup(window)  # exclusive: one theme at a time
    window.theme_actions = {}
    for name, label in THEMES.items():
        tip = "The desktop's colours" if name == "system" else f"storydiff's {name} colours"
        action = make_action(window, label, tip=tip, checked=window.state.theme == name)
        action.setActionGroup(themes)
        action.toggled.connect(lambda on, name=name: on and window.state.set_theme(name))
        window.theme_actions[name] = action
    if find_transformer() is None:
        window.option_actions["transformer"].setEnabled(False)
        window.option_actions["transformer"].setStatusTip("Needs storydiff[semantic] and a local model")


def make_action(parent: QWidget, text: str, slot: Callable | None = None, shortcut=None, tip: str = "",
                icon: str | None = None, checked: bool | None = None) -> QAction:
    """An action of ``parent``; ``checked`` not None makes it checkable, and ``slot`` then gets the state."""
    action = QAction(text, parent)
    if shortcut is not None:
        shortcuts = shortcut if isinstance(shortcut, (list, tuple)) else [shortcut]
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    if icon:
        themed = QIcon.fromTheme(icon)
        if themed.isNull() and icon in _FALLBACK_ICONS:
            themed = parent.style().standardIcon(_FALLBACK_ICONS[icon])
        action.setIcon(themed)
    if checked is not None:
        action.setCheckable(True)
        action.setChecked(checked)
        if slot is not None:
            action.toggled.connect(slot)
    elif slot is not None:
        action.triggered.connect(lambda _=False: slot())
    parent.addAction(action)
    return action


def enable_for_comparison(window: QWidget, shown: bool) -> None:
    """Enable the actions that need a comparison on screen, and the kind filters, when one is ``shown``."""
    for name in ON_A_COMPARISON:
        getattr(window, name).setEnabled(shown)
    for action in window.filter_actions.values():
        action.setEnabled(shown)


def set_checked(actions: dict, checked: Collection) -> None:
    """Check the actions whose keys are in ``checked`` and uncheck the others, without running their slots."""
    for key, action in actions.items():
        if action.isChecked() != (key in checked):
            action.blockSignals(True)
            action.setChecked(key in checked)
            action.blockSignals(False)
