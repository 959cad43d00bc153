// Sends a reader's rating without reloading the page. The form works the same without it.
for (const form of document.querySelectorAll("[data-rating-form]")) {
    form.addEventListener("submit", async (event) => {
        event.preventDefault();
        const section = form.closest(".reader-rating");
        const status = section.querySelector("[data-rating-status]");
        let response;
        try {
            response = await fetch(form.action, {
                method: "POST",
                body: new FormData(form),
                headers: { Accept: "application/json" },
                credentials: "same-origin",
            });
        } catch {
            form.submit();
            return;
        }
        if (!response.headers.get("Content-Type")?.includes("json")) {
            form.submit();
            return;
        }
        const data = await response.json();
        if (response.ok) {
            section.querySelector("[data-rating-summary]").textContent = data.text;
            // The counts per score, highest first as the table lists them.
            const rows = section.querySelectorAll(".vote-distribution tbody tr");
            [...data.votes].reverse().forEach((votes, index) => {
                const row = rows[index];
                if (row) {
                    row.querySelector("meter").max = data.count;
                    row.querySelector("meter").value = votes;
                    row.querySelector(".vote-distribution__votes").textContent = votes;
                }
            });
            status.textContent = `Thank you: your rating of ${data.score} is counted. You can change it at any time.`;
        } else {
            status.textContent = data.errors?.score?.[0]?.message ?? "Your rating could not be sent.";
        }
        status.hidden = false;
    });
}
