// "Always show spoilers", for readers who have seen the film: one switch before the first
// spoiler opens them all, here and on every review after. The choice stays in this browser's
// localStorage, never sent anywhere. Without JavaScript each spoiler still opens on its own.
const spoilers = document.querySelectorAll("details.spoiler");
if (spoilers.length && !document.querySelector(".spoiler-switch")) {
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
