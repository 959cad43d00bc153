"""The demo publication: this project's own writing about public-domain films.

Cast names and quoted lines are facts from the films; everything else was written for this site.
`load_demo_content` turns these records into snippets, pages and generated images.
"""

SITE_TAGLINE = "Film reviews with the spoilers kept behind a door."

HOME_INTRO = (
    "<p>Long reads on old films that are free to watch, written for people who have not seen them "
    "yet. Plot twists stay folded away until you choose to open them.</p>"
)

REVIEW_INDEX = {
    "title": "Reviews",
    "slug": "reviews",
    "intro": "<p>Every review, newest first. Pick a category to narrow the list.</p>",
}

CATEGORIES = [
    (
        "Silent era",
        "silent-era",
        "Films from before synchronised sound, when the image did all the talking.",
    ),
    ("Horror", "horror", "Vampires, somnambulists and the restless dead."),
    ("Comedy", "comedy", "Chases, cons and dialogue at a gallop."),
    ("Science fiction", "science-fiction", "Machines, cities and futures imagined long ago."),
    (
        "Thriller",
        "thriller",
        "Suspense, double-crosses and characters who are never what they say.",
    ),
    ("Documentary", "documentary", "Non-fiction film, including the staged kind."),
]

CRITICS = [
    (
        "Ada Marlowe",
        "Ada has written about silent cinema for fifteen years and still prefers a live piano.",
    ),
    ("Tomás Reyes", "Tomás covers comedies, thrillers and anything with a train in it."),
]

DEFAULT_DISCLOSURE = "Shop links"
DISCLOSURES = [
    (
        DEFAULT_DISCLOSURE,
        "<p>Some links on this page go to shops that pay us a small commission if you buy "
        "something. That never decides what we review or what we say about it.</p>",
    ),
    (
        "Loaned restoration",
        "<p>The distributor lent us its restored edition to review. They did not see this review "
        "before it was published, and we keep no copy.</p>",
    ),
]

GUIDELINES_PAGE = {
    "title": "Editorial guidelines",
    "slug": "editorial-guidelines",
    "intro": "How we choose what to review, how we score it and how we handle spoilers and money.",
    "body": [
        (
            "Independence",
            "<p>Nobody pays for a review here. When a distributor lends us a restoration or a shop "
            "pays a commission on a link, the review says so at the top, before you read a word "
            "of it.</p>",
        ),
        (
            "Verdicts and scores",
            "<p>Every review ends with a verdict: <b>Must See</b>, <b>Worth Seeing</b>, "
            "<b>Mixed</b> or <b>Skip It</b>. A score out of ten, in half points, is optional: "
            "some films are better described than measured.</p>",
        ),
        (
            "Spoilers",
            "<p>Anything that gives away the plot sits in a clearly marked spoiler section that "
            "stays closed until you open it. Spoilers never appear in listings, feeds, search "
            "results or the previews that appear when a review is shared.</p>",
        ),
    ],
}

ABOUT_PAGE = {
    "title": "About",
    "slug": "about",
    "intro": "A small publication about films that belong to everyone.",
    "body": [
        (
            "",
            "<p>Every film reviewed here is in the public domain, so you can watch it tonight "
            "without a subscription. We write for people who have not seen it yet, and we keep the "
            "twists folded away for those who have.</p>",
        ),
    ],
}

# Each review: page fields, then its body as (block type, value) pairs in reading order.
REVIEWS = [
    {
        "slug": "nosferatu",
        "title": "Nosferatu",
        "original_title": "Nosferatu, eine Symphonie des Grauens",
        "kind": "film",
        "release_year": 1922,
        "director": "F. W. Murnau",
        "runtime_minutes": 94,
        "critic": "Ada Marlowe",
        "date_published": "2026-10-30",
        "categories": ["horror", "silent-era"],
        "disclosure": "default",
        "palette": ("#1b1f24", "#c9b37e"),
        "intro": (
            "Murnau's vampire story still unsettles because it never explains itself: a century "
            "on, its shadows do the work that effects never could."
        ),
        "body": [
            (
                "text",
                {
                    "heading": "A journey east",
                    "text": (
                        "<p>Thomas Hutter, a young clerk from the town of Wisborg, leaves his wife "
                        "Ellen behind to sell a house to a count in the Carpathian mountains. What "
                        "waits for him there is less a man than a shape: bald, rat-toothed, moving "
                        "as though the air pushes back. Max Schreck's Orlok is not a seducer like "
                        "the screen vampires who came after him. He is a plague with a coat and a "
                        "title, and the film treats him that way.</p>"
                        "<p>Much of it was shot in real streets and real hills, and the ordinary "
                        "places make the unreal figure stranger. The images everyone remembers, "
                        "the ship drifting into harbour with no living crew and the shadow "
                        "climbing a staircase, are plain tricks of framing and light. Their "
                        "plainness is why they still work.</p>"
                    ),
                },
            ),
            (
                "cast",
                [
                    ("Count Orlok", "Max Schreck", ""),
                    ("Thomas Hutter", "Gustav von Wangenheim", ""),
                    ("Ellen Hutter", "Greta Schröder", ""),
                    ("Knock", "Alexander Granach", ""),
                    ("Harding", "Georg Heinrich Schnell", ""),
                    ("Professor Bulwer", "John Gottowt", ""),
                ],
            ),
            (
                "quote",
                {"quote": "Is this your wife? What a lovely throat.", "speaker": "Count Orlok"},
            ),
            (
                "image",
                {
                    "card": "A shadow on the stair",
                    "caption": "An intertitle-style card made for this review.",
                    "alt": "A dark card with the words 'A shadow on the stair' in pale gold.",
                },
            ),
            (
                "spoiler",
                {
                    "heading": "How it ends",
                    "text": (
                        "<p>Ellen reads in a book of vampire lore that the creature can be "
                        "destroyed only if a woman pure of heart keeps him by her side until the "
                        "cock crows. She opens her window to him and does exactly that. Orlok "
                        "lingers past dawn, the sunlight takes him, and Ellen dies in Hutter's "
                        "arms. The film frames her death as a sacrifice, and it lands with a "
                        "weight the plague scenes only hint at.</p>"
                    ),
                },
            ),
            (
                "verdict",
                ("Must See", "9.5", "A shadow that still stretches across a century of horror."),
            ),
        ],
    },
    {
        "slug": "the-general",
        "title": "The General",
        "kind": "film",
        "release_year": 1926,
        "director": "Clyde Bruckman, Buster Keaton",
        "runtime_minutes": 78,
        "critic": "Tomás Reyes",
        "date_published": "2026-10-24",
        "categories": ["comedy", "silent-era"],
        "disclosure": "default",
        "palette": ("#3b2a1a", "#e8d8b0"),
        "intro": (
            "Keaton's Civil War chase is a comedy built like a locomotive: every gag is a moving "
            "part, and the whole machine never stops."
        ),
        "body": [
            (
                "text",
                {
                    "heading": "",
                    "text": (
                        "<p>Johnnie Gray drives a train called the General through Georgia and "
                        "loves two things, the engine and Annabelle Lee. When the war comes the "
                        "army turns him down because he is worth more as an engineer, nobody tells "
                        "him why, and Annabelle decides he is a coward. Then Union raiders steal "
                        "the General with Annabelle aboard, and Johnnie sets off after them "
                        "alone.</p>"
                        "<p>What follows is one long chase, out and back, and Keaton plays it with "
                        "a face that never asks for sympathy. The jokes are engineering problems: "
                        "a cannon that will not stay pointed forward, a sleeper on the track, a "
                        "tender full of wood that has to become fuel before the next curve. You "
                        "can watch the physical comedy for its timing or its nerve, and both are "
                        "astonishing.</p>"
                    ),
                },
            ),
            (
                "cast",
                [
                    ("Johnnie Gray", "Buster Keaton", ""),
                    ("Annabelle Lee", "Marion Mack", ""),
                    ("Captain Anderson", "Glen Cavender", ""),
                    ("General Thatcher", "Jim Farley", ""),
                ],
            ),
            (
                "spoiler",
                {
                    "heading": "The bridge",
                    "text": (
                        "<p>The climax spends a fortune on a single shot: a real locomotive "
                        "driven onto a burning bridge that gives way and drops it into the river "
                        "below. Keaton keeps the camera still and simply lets it happen. Johnnie "
                        "comes home with a lieutenant's commission and the girl, and the film ends "
                        "with him trying to kiss her while returning the salutes of every soldier "
                        "who walks past.</p>"
                    ),
                },
            ),
            (
                "verdict",
                ("Must See", "9", "The most exact comedy ever made about a runaway train."),
            ),
        ],
    },
    {
        "slug": "metropolis",
        "title": "Metropolis",
        "kind": "film",
        "release_year": 1927,
        "director": "Fritz Lang",
        "runtime_minutes": 148,
        "critic": "Ada Marlowe",
        "date_published": "2026-10-17",
        "categories": ["science-fiction", "silent-era"],
        "disclosure": "Loaned restoration",
        "palette": ("#111111", "#d4af37"),
        "intro": (
            "Lang's city of towers and tunnels is clumsy as an argument and overwhelming as a "
            "spectacle; the restored version makes the case for both halves."
        ),
        "body": [
            (
                "text",
                {
                    "heading": "Above and below",
                    "text": (
                        "<p>In the city of Metropolis the sons of the rich play in gardens at the "
                        "top of the towers while the workers who keep the machines running live "
                        "deep underground. Freder, the son of the man who runs it all, follows a "
                        "young woman named Maria down into the depths and sees for the first time "
                        "what his comfort costs.</p>"
                        "<p>The politics are naive and the ending ties them in a bow. None of that "
                        "matters much against the sets: the stepped towers, the great machine "
                        "that becomes a devouring god, the laboratory where the inventor Rotwang "
                        "brings a metal woman to life. The restoration returns subplots missing "
                        "for decades, and the film is more coherent, and stranger, for them.</p>"
                    ),
                },
            ),
            (
                "quote",
                {
                    "quote": "The mediator between head and hands must be the heart!",
                    "speaker": "Maria",
                },
            ),
            (
                "cast",
                [
                    ("Joh Fredersen", "Alfred Abel", ""),
                    ("Freder", "Gustav Fröhlich", ""),
                    ("Maria", "Brigitte Helm", ""),
                    ("Rotwang", "Rudolf Klein-Rogge", ""),
                    ("The Thin Man", "Fritz Rasp", ""),
                    ("Josaphat", "Theodor Loos", ""),
                    ("Grot", "Heinrich George", ""),
                ],
            ),
            (
                "image",
                {
                    "card": "Head · Hands · Heart",
                    "caption": "A card in the spirit of the film's motto, made for this review.",
                    "alt": "A black card with the words 'Head, Hands, Heart' in gold capitals.",
                },
            ),
            (
                "spoiler",
                {
                    "heading": "The flood and the fire",
                    "text": (
                        "<p>The robot built in Maria's likeness leads the workers to wreck the "
                        "Heart Machine, which floods their own city, where their children are. "
                        "Freder and the real Maria bring the children out; the mob burns the robot "
                        "at the stake and watches the metal show through; Rotwang falls from the "
                        "cathedral roof; and Freder joins the hands of his father and Grot, the "
                        "foreman.</p>"
                    ),
                },
            ),
            ("verdict", ("Worth Seeing", "8", "A magnificent machine with a simple heart.")),
        ],
    },
    {
        "slug": "his-girl-friday",
        "title": "His Girl Friday",
        "kind": "film",
        "release_year": 1940,
        "director": "Howard Hawks",
        "runtime_minutes": 92,
        "critic": "Tomás Reyes",
        "date_published": "2026-10-10",
        "categories": ["comedy"],
        "disclosure": "default",
        "palette": ("#f2efe6", "#1d1b18"),
        "intro": (
            "The fastest talkers in Hollywood history, a newsroom running on bad coffee and worse "
            "ethics, and a marriage that refuses to stay finished."
        ),
        "body": [
            (
                "text",
                {
                    "heading": "",
                    "text": (
                        "<p>Hildy Johnson walks into the offices of the Morning Post to tell her "
                        "editor and former husband, Walter Burns, that she is leaving the paper to "
                        "marry a kind insurance man and live a quiet life in Albany. Walter has "
                        "other plans, a condemned man to save or exploit, and about one afternoon "
                        "to get her back.</p>"
                        "<p>Hawks let the actors talk over each other, and the overlapping lines "
                        "give the film a speed nothing else of its era matches. Rosalind Russell "
                        "is Cary Grant's equal in every scene, which is the whole point: the "
                        "romance is a contest between two people who are best at the same job.</p>"
                    ),
                },
            ),
            (
                "quote",
                {
                    "quote": (
                        "Listen, the last man that said that to me was Archie Leach, just a week "
                        "before he cut his throat."
                    ),
                    "speaker": "Walter Burns",
                },
            ),
            (
                "cast",
                [
                    ("Walter Burns", "Cary Grant", ""),
                    ("Hildy Johnson", "Rosalind Russell", ""),
                    ("Bruce Baldwin", "Ralph Bellamy", ""),
                    ("Sheriff Hartwell", "Gene Lockhart", ""),
                    ("Earl Williams", "John Qualen", ""),
                    ("Mollie Malloy", "Helen Mack", ""),
                ],
            ),
            (
                "spoiler",
                {
                    "heading": "Who gets on the train",
                    "text": (
                        "<p>Hildy never makes her train. Walter proposes again, promises a proper "
                        "honeymoon at Niagara Falls, and then remembers a strike story in Albany "
                        "on the way. The last shot has him striding out of the press room while "
                        "Hildy hurries behind, carrying her own suitcase.</p>"
                    ),
                },
            ),
            ("verdict", ("Must See", "9.5", "Screwball comedy at the speed of a printing press.")),
        ],
    },
    {
        "slug": "charade",
        "title": "Charade",
        "kind": "film",
        "release_year": 1963,
        "director": "Stanley Donen",
        "runtime_minutes": 113,
        "critic": "Tomás Reyes",
        "date_published": "2026-10-03",
        "categories": ["thriller", "comedy"],
        "disclosure": "default",
        "palette": ("#8c1c2c", "#f7e9d7"),
        "intro": (
            "A Paris thriller that wears its suspense as lightly as its wardrobe, with two stars "
            "who make every lie sound like flirting."
        ),
        "body": [
            (
                "text",
                {
                    "heading": "",
                    "text": (
                        "<p>Regina Lampert comes home from a ski holiday to find her Paris flat "
                        "stripped bare and her husband dead, thrown from a train. He had sold "
                        "everything they owned, and three men she has never met believe she knows "
                        "where the money went. The charming stranger she met on the slopes keeps "
                        "turning up to help, under a different name each time.</p>"
                        "<p>Donen directs it like a comedy that happens to contain murders, and "
                        "the balance holds. The menace comes from the supporting villains, each "
                        "with his own memorable way of looming; the pleasure comes from watching "
                        "Audrey Hepburn and Cary Grant trade suspicion for banter and back.</p>"
                    ),
                },
            ),
            (
                "quote",
                {
                    "quote": "Do you know what's wrong with you? Nothing.",
                    "speaker": "Regina Lampert",
                },
            ),
            (
                "cast",
                [
                    ("Peter Joshua", "Cary Grant", ""),
                    ("Regina Lampert", "Audrey Hepburn", ""),
                    ("Hamilton Bartholomew", "Walter Matthau", ""),
                    ("Tex Panthollow", "James Coburn", ""),
                    ("Herman Scobie", "George Kennedy", ""),
                    ("Leopold W. Gideon", "Ned Glass", ""),
                    ("Inspector Edouard Grandpierre", "Jacques Marin", ""),
                ],
            ),
            (
                "spoiler",
                {
                    "heading": "Names and stamps",
                    "text": (
                        "<p>Bartholomew is no embassy official: he is Carson Dyle, the soldier the "
                        "others left for dead during the war, and he has been killing them one by "
                        "one. The missing fortune was never hidden at all. It went on rare stamps, "
                        "stuck to an envelope that lay in plain sight. And the man Regina has "
                        "called Peter, Alexander and Adam is Brian Cruikshank of the Treasury, the "
                        "one name she decides she can marry.</p>"
                    ),
                },
            ),
            ("verdict", ("Worth Seeing", "8", "Suspense that never forgets to be charming.")),
        ],
    },
    {
        "slug": "night-of-the-living-dead",
        "title": "Night of the Living Dead",
        "kind": "film",
        "release_year": 1968,
        "director": "George A. Romero",
        "runtime_minutes": 96,
        "critic": "Ada Marlowe",
        "date_published": "2026-09-26",
        "categories": ["horror"],
        "disclosure": "default",
        "palette": ("#0d0d0d", "#e6e6e6"),
        "intro": (
            "Made on pocket money in rural Pennsylvania, Romero's siege film invented the modern "
            "zombie and left audiences with nowhere safe to look."
        ),
        "body": [
            (
                "text",
                {
                    "heading": "",
                    "text": (
                        "<p>Barbra and her brother Johnny drive out to a country cemetery to lay a "
                        "wreath, and within minutes a stranger is stumbling after them between "
                        "the graves. Barbra escapes to a farmhouse where Ben, a man with a truck "
                        "and no patience, starts boarding up the windows. Others are hiding in the "
                        "cellar. Outside, more of the dead arrive.</p>"
                        "<p>The grain of the black-and-white film and the radio bulletins make it "
                        "feel like a report from somewhere real. Romero never explains much, and "
                        "the arguments inside the house, about the cellar, the truck and who "
                        "gives orders, are as frightening as anything at the windows.</p>"
                    ),
                },
            ),
            ("quote", {"quote": "They're coming to get you, Barbra.", "speaker": "Johnny"}),
            (
                "trailer",
                {
                    "video": "https://archive.org/details/night_of_the_living_dead",
                    "caption": "The full film, free to watch at the Internet Archive",
                },
            ),
            (
                "cast",
                [
                    ("Ben", "Duane Jones", ""),
                    ("Barbra", "Judith O'Dea", ""),
                    ("Harry Cooper", "Karl Hardman", ""),
                    ("Helen Cooper", "Marilyn Eastman", ""),
                    ("Tom", "Keith Wayne", ""),
                    ("Judy", "Judith Ridley", ""),
                    ("Johnny", "Russell Streiner", ""),
                    ("Karen Cooper", "Kyra Schon", ""),
                ],
            ),
            (
                "spoiler",
                {
                    "heading": "Morning",
                    "text": (
                        "<p>Ben outlasts the night alone in the cellar. At dawn a posse of armed "
                        "locals sweeping the fields sees a figure at the farmhouse window, and one "
                        "of them shoots him through the head. His body is dragged out on hooks "
                        "and burned with the dead, in a run of grainy stills behind the "
                        "credits.</p>"
                    ),
                },
            ),
            (
                "verdict",
                ("Must See", "9", "Cheap, raw and still the most frightening house in horror."),
            ),
        ],
    },
    {
        "slug": "the-cabinet-of-dr-caligari",
        "title": "The Cabinet of Dr. Caligari",
        "original_title": "Das Cabinet des Dr. Caligari",
        "kind": "film",
        "release_year": 1920,
        "director": "Robert Wiene",
        "runtime_minutes": 76,
        "critic": "Ada Marlowe",
        "date_published": "2026-09-19",
        "categories": ["horror", "silent-era"],
        "disclosure": "default",
        "palette": ("#5a3e2b", "#f0d9a8"),
        "intro": (
            "Painted shadows, crooked rooftops and a sleepwalker in black: the film that gave "
            "cinema a madman's point of view still looks like nothing else."
        ),
        "body": [
            (
                "text",
                {
                    "heading": "",
                    "text": (
                        "<p>A showman arrives at a fair in a small German town with a cabinet, and "
                        "in the cabinet a man who has slept for twenty-three years and can answer "
                        "any question about the future. That night the murders begin. Francis, a "
                        "young student, is sure he knows who is behind them.</p>"
                        "<p>Every set is painted: light and shadow drawn straight onto canvas, "
                        "doors leaning, streets tilting towards nowhere. It should look like "
                        "theatre, and instead it looks like a mind. Conrad Veidt's Cesare, gliding "
                        "along a painted wall, remains one of the great images of silent film.</p>"
                    ),
                },
            ),
            (
                "cast",
                [
                    ("Dr. Caligari", "Werner Krauss", ""),
                    ("Cesare", "Conrad Veidt", ""),
                    ("Francis", "Friedrich Feher", ""),
                    ("Jane", "Lil Dagover", ""),
                    ("Alan", "Hans Heinrich von Twardowski", ""),
                ],
            ),
            (
                "spoiler",
                {
                    "heading": "The frame story",
                    "text": (
                        "<p>Francis has been telling his story from inside an asylum, where he is "
                        "a patient, Cesare and Jane are fellow inmates, and the man he calls "
                        "Caligari is the director who promises to cure him. Whether this ending "
                        "rescues the film's figures of authority or condemns them further is an "
                        "argument critics have kept up ever since.</p>"
                    ),
                },
            ),
            (
                "verdict",
                (
                    "Worth Seeing",
                    "8.5",
                    "A nightmare painted by hand, and all the stranger for it.",
                ),
            ),
        ],
    },
    {
        "slug": "nanook-of-the-north",
        "title": "Nanook of the North",
        "kind": "documentary",
        "release_year": 1922,
        "director": "Robert J. Flaherty",
        "runtime_minutes": 78,
        "critic": "Tomás Reyes",
        "date_published": "2026-09-12",
        "categories": ["documentary", "silent-era"],
        "disclosure": "none",
        "palette": ("#dfe8ee", "#23384a"),
        "intro": (
            "A founding document of documentary film, and a reminder from its first reel that "
            "documentaries are made, not found."
        ),
        "body": [
            (
                "text",
                {
                    "heading": "",
                    "text": (
                        "<p>Flaherty follows an Inuk hunter and his family through the seasons on "
                        "the shore of Hudson Bay: fishing, trading, building an igloo, hunting "
                        "walrus and seal. The hunting scenes are tense and the igloo sequence, "
                        "with its window of clear ice, is a small marvel.</p>"
                        "<p>Much of it is staged. Old methods stand in for the rifles the family "
                        "already owned, and scenes were played for a camera that needed light and "
                        "room. Watched today it is two films at once: a record of real skill in "
                        "a hard place, and an early lesson in how a director shapes what we take "
                        "as real.</p>"
                    ),
                },
            ),
            ("cast", [("Nanook", "Allakariallak", ""), ("Nyla", "Nyla", "")]),
            (
                "image",
                {
                    "card": "Hudson Bay, 1922",
                    "caption": "A placeholder card made for this review.",
                    "alt": "A pale blue card with the words 'Hudson Bay, 1922' in dark blue.",
                },
            ),
            ("verdict", ("Mixed", "6.5", "Essential history, to be watched with open eyes.")),
        ],
    },
]

FEATURED = ["nosferatu", "his-girl-friday"]

# Reader comments: (review slug, name, text, replies as (name, text)). Approved on load.
COMMENTS = [
    (
        "nosferatu",
        "Mina P.",
        "Saw this with a live organ score last winter. The ship sequence got gasps from a room "
        "full of people who all knew what was coming.",
        [("Ada Marlowe", "That is the best way to see it. The tinted prints help too.")],
    ),
    (
        "the-general",
        "Walt",
        "The cannon gag still makes me laugh every single time.",
        [],
    ),
]
