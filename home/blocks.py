from wagtail import blocks


class SocialLinkBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        max_length=40, help_text="The service as readers know it, e.g. Mastodon."
    )
    url = blocks.URLBlock(help_text="The full address of the profile.")

    class Meta:
        icon = "link"
        label = "Social link"
        template = "home/blocks/social_link.html"
        help_text = "A profile of the publication elsewhere, listed in the site footer."
        preview_value = {"name": "Mastodon", "url": "https://mastodon.social/@example"}
