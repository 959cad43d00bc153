// A review's enhancements; the page reads the same without them.

// Click to load: a trailer's player (kept in a <template>) replaces its Play button only when
// the reader asks, so the video host is not contacted on page load. Without JavaScript the
// button stays hidden and the caption's plain link is the way to the video.
for (const frame of document.querySelectorAll("[data-trailer]")) {
    const button = frame.querySelector(".trailer__play");
    const player = frame.querySelector("template");
    button.hidden = false;
    button.addEventListener("click", () => {
        const content = player.content.cloneNode(true);
        const iframe = content.querySelector("iframe");
        if (iframe) {
            iframe.removeAttribute("loading");
            const url = new URL(iframe.src);
            url.searchParams.set("autoplay", "1");
            iframe.src = url.toString();
            iframe.allow = "autoplay; fullscreen; picture-in-picture";
        }
        button.replaceWith(content);
        frame.querySelector("iframe")?.focus();
    });
}

// The table of contents starts closed, so that a phone's first screen shows the text. Where it
// sits beside the text, under the facts, it opens at once: it moves nothing else there.
const contents = document.querySelector(".toc details");
if (contents && !matchMedia("(max-width: 48rem)").matches) {
    contents.open = true;
}

// "Always show spoilers", for readers who have seen the film: one switch before the first
// spoiler opens them all, here and on every review after. The choice stays in this browser's
// localStorage, never sent anywhere. Without JavaScript each spoiler still opens on its own.
const spoilers = document.querySelectorAll("details.spoiler");
if (spoilers.length) {
    const KEY = "spoilers";
    const remembered = () => {
        try {
            return localStorage.getItem(KEY) === "shown";
        } catch {
            return false; // storage blocked: the switch works for this page only
        }
    };
    const button = document.createElement("button");
    button.type = "button";
    button.className = "spoiler-switch";
    button.textContent = "Always show spoilers";
    const show = (shown) => {
        button.setAttribute("aria-pressed", String(shown));
        for (const spoiler of spoilers) {
            spoiler.open = shown;
        }
    };
    button.addEventListener("click", () => {
        const shown = button.getAttribute("aria-pressed") !== "true";
        try {
            if (shown) {
                localStorage.setItem(KEY, "shown");
            } else {
                localStorage.removeItem(KEY);
            }
        } catch {
            // storage blocked: nothing is remembered
        }
        show(shown);
    });
    spoilers[0].before(button);
    show(remembered());
}
