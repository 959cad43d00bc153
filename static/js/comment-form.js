// When the reader starts on the comment form, ask for a token minted now: the page may come
// from a cache, and only this tells the spam rules how long the reader really took. Without
// it the form still works: the site shows the comment back once, to be sent again.
for (const form of document.querySelectorAll("form[data-start-url]")) {
    form.addEventListener(
        "focusin",
        async () => {
            try {
                const response = await fetch(form.dataset.startUrl, {
                    headers: { Accept: "application/json" },
                    credentials: "same-origin",
                });
                if (response.ok) {
                    form.elements.form_token.value = (await response.json()).form_token;
                }
            } catch {
                // Offline for a moment: the page's own token stays, as without JavaScript.
            }
        },
        { once: true },
    );
}
