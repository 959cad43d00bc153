// The review editor: the blocks a review is written with, one click away under its body; the
// verdict, which a review has once, offered only while the review has none; choosing a
// disclosure shows it; and a number off its steps (a score of 8.3) is pointed out at once.
(() => {
    "use strict";

    function quickBar(stream, names) {
        const bar = document.createElement("div");
        bar.className = "review-quick-blocks";
        bar.setAttribute("role", "group");
        bar.setAttribute("aria-label", "Add to the end of the review");
        const hint = document.createElement("p");
        hint.className = "help review-quick-blocks__hint";
        hint.id = `${stream.prefix}-quick-hint`;
        const buttons = new Map();

        names.forEach((name) => {
            const blockDef = stream.blockDef.childBlockDefsByName[name];
            if (!blockDef) {
                return;
            }
            const button = document.createElement("button");
            button.type = "button";
            button.className = "button button-small button-secondary";
            button.dataset.quickBlock = name;
            button.textContent = `+ ${blockDef.meta.label}`;
            button.addEventListener("click", () => {
                // New sections go before the verdict that ends the review.
                const children = stream.children;
                const last = children[children.length - 1];
                const index = last && last.type === "verdict" && name !== "verdict"
                    ? children.length - 1
                    : children.length;
                stream.insert(
                    {type: name, value: stream.blockDef.initialChildStates[name], id: null},
                    index,
                    {animate: false, focus: true},
                );
            });
            buttons.set(name, button);
            bar.append(button);
        });

        const labels = new Map(
            names.map((name) => [name, stream.blockDef.childBlockDefsByName[name]?.meta.label]),
        );
        const isFull = (name) => {
            const max = stream.getBlockMax(name);
            return typeof max === "number" && stream.getBlockCount(name) >= max;
        };

        function showLimits() {
            hint.textContent = "";
            buttons.forEach((button, name) => {
                const full = isFull(name);
                const max = stream.getBlockMax(name);
                const label = labels.get(name);
                const most = max === 1 ? "one" : `at most ${max}`;
                const reason = `a review has ${most}, and this one has it`;
                button.disabled = full;
                // Wagtail's "+" menu reads the label each time it opens: it says why too.
                stream.blockDef.childBlockDefsByName[name].meta.label = full
                    ? `${label} (${reason})`
                    : label;
                if (full) {
                    hint.textContent = `${label}: ${reason}.`;
                    button.setAttribute("aria-describedby", hint.id);
                } else {
                    button.removeAttribute("aria-describedby");
                }
            });
        }

        // Chosen from Wagtail's "+" menu anyway, a block the review has in full is not added.
        if (typeof stream._onRequestInsert === "function") {
            const requestInsert = stream._onRequestInsert.bind(stream);
            stream._onRequestInsert = (index, opts) => {
                if (!(opts && buttons.has(opts.type) && isFull(opts.type))) {
                    requestInsert(index, opts);
                }
            };
        }

        // A review can be filled from a review pasted whole; a new one is made from it, its
        // title and facts included, until autosave saves it (then the saved one is filled).
        const paste = document.createElement("a");
        paste.className = "button button-small button-secondary review-quick-blocks__paste";
        paste.textContent = "Fill from pasted text…";
        const form = stream.container[0].closest("form");
        function showPaste() {
            const editing = /\/pages\/(\d+)\/edit\/$/;
            const adding = /\/pages\/add\/reviews\/reviewpage\/(\d+)\/$/;
            // Autosave points the form at the new review's edit view once it has saved it.
            const path = form
                ? new URL(form.action, window.location.href).pathname
                : window.location.pathname;
            paste.hidden = !editing.test(path) && !adding.test(path);
            paste.href = path
                .replace(editing, "/reviews/$1/fill/")
                .replace(adding, "/reviews/new/$1/fill/");
        }
        if (form) {
            new MutationObserver(showPaste).observe(form, {attributeFilter: ["action"]});
        }
        document.addEventListener("w-autosave:success", () => setTimeout(showPaste));
        showPaste();
        bar.append(paste);

        const counted = stream.blockCountChanged.bind(stream);
        stream.blockCountChanged = () => {
            counted();
            showLimits();
        };
        showLimits();
        bar.append(hint);
        return bar;
    }

    function setUp() {
        document.querySelectorAll("[data-quick-blocks]").forEach((container) => {
            const root = container.closest("[id$='-root']");
            const stream = (root && root.rootBlock) || container.rootBlock;
            if (!stream || container.dataset.quickBlocksReady) {
                return;
            }
            container.dataset.quickBlocksReady = "true";
            const names = container.dataset.quickBlocks.split(/\s+/);
            container.after(quickBar(stream, names));
        });

        const choice = document.getElementById("id_disclosure_choice");
        const disclosure = document.getElementById("id_disclosure");
        if (choice && disclosure) {
            disclosure.addEventListener("change", () => {
                if (disclosure.value) {
                    choice.value = "other";
                    choice.dispatchEvent(new Event("change", {bubbles: true}));
                }
            });
        }
    }

    // Wagtail's form does not validate in the browser (novalidate): say so as the editor leaves
    // the field, rather than when saving fails.
    document.addEventListener("change", (event) => {
        const input = event.target;
        if (input.matches && input.matches("form[data-edit-form] input[type=number]")) {
            input.reportValidity();
        }
    });

    // Wagtail draws each StreamField when its block controller connects, and says so.
    document.addEventListener("w-block:ready", () => setTimeout(setUp));
    if (document.readyState === "complete") {
        setUp();
    } else {
        window.addEventListener("load", setUp);
    }
})();
