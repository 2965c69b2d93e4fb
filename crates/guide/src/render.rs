//! Markdown to HTML, with Harbour's rules: no raw HTML, no images, links inside the guide become
//! in-app addresses, and web links are shown as text with their address (never loaded).

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::error::Problem;

/// The scheme used in Markdown for a link to another article: `[text](article:ID)`.
pub const ARTICLE_SCHEME: &str = "article:";

/// The result of rendering one body.
#[derive(Debug, Default)]
pub(crate) struct Rendered {
    /// Safe HTML for the article view.
    pub html: String,
    /// Ids named by `article:` links, checked against the whole guide afterwards.
    pub article_links: Vec<String>,
    /// Problems found in the body.
    pub problems: Vec<Problem>,
    /// The text a reader sees, without Markdown, one block (paragraph, heading, list item, table
    /// cell) per line. Web addresses added after link texts are left out. Used by the content
    /// checks: readability, phone numbers, facts that must not be published.
    pub plain: String,
    /// Every list in the body (numbered or not), each as its items' plain text in order. A
    /// nested list is its own list. Used by the check that evidence comes before blocking.
    pub lists: Vec<Vec<String>>,
}

/// Renders a Markdown body. Problems are collected, not fatal, so every one can be reported.
pub(crate) fn render_body(markdown: &str) -> Rendered {
    let mut rendered = Rendered::default();
    // What to print after a web link's text: its address, so it can be copied but not followed.
    let mut pending_link_suffix: Vec<Option<String>> = Vec::new();
    let mut events = Vec::new();
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;

    let mut open_lists: Vec<Vec<String>> = Vec::new();
    for event in Parser::new_ext(markdown, options) {
        add_plain(&mut rendered.plain, &event);
        add_list_text(&mut open_lists, &mut rendered.lists, &event);
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => {
                rendered.problems.push(Problem::RawHtml(raw.to_string()));
            }
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => {
                rendered.problems.push(Problem::TopHeading);
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                rendered.problems.push(Problem::Image(dest_url.to_string()));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if let Some(target) = dest_url.strip_prefix(ARTICLE_SCHEME) {
                    rendered.article_links.push(target.to_string());
                    pending_link_suffix.push(None);
                    events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: CowStr::from(format!("#/article/{target}")),
                        title,
                        id,
                    }));
                } else if is_web(&dest_url) {
                    // Autolinks already show the address as their text.
                    let suffix = (link_type != LinkType::Autolink).then(|| dest_url.to_string());
                    pending_link_suffix.push(Some(suffix.unwrap_or_default()));
                } else {
                    rendered
                        .problems
                        .push(Problem::UnsupportedLink(dest_url.to_string()));
                    pending_link_suffix.push(Some(String::new()));
                }
            }
            Event::End(TagEnd::Link) => match pending_link_suffix.pop().flatten() {
                None => events.push(Event::End(TagEnd::Link)),
                Some(address) if address.is_empty() => {}
                Some(address) => {
                    events.push(Event::Text(CowStr::from(" (")));
                    events.push(Event::Code(CowStr::from(address)));
                    events.push(Event::Text(CowStr::from(")")));
                }
            },
            other => events.push(other),
        }
    }
    html::push_html(&mut rendered.html, events.into_iter());
    rendered
}

/// Follows lists and their items, collecting each item's text into the innermost open list.
fn add_list_text(open: &mut Vec<Vec<String>>, done: &mut Vec<Vec<String>>, event: &Event) {
    match event {
        Event::Start(Tag::List(_)) => open.push(Vec::new()),
        Event::End(TagEnd::List(_)) => done.extend(open.pop()),
        Event::Start(Tag::Item) => {
            if let Some(list) = open.last_mut() {
                list.push(String::new());
            }
        }
        Event::Text(text) | Event::Code(text) => {
            if let Some(item) = open.last_mut().and_then(|l| l.last_mut()) {
                item.push_str(text);
            }
        }
        Event::SoftBreak | Event::HardBreak => {
            if let Some(item) = open.last_mut().and_then(|l| l.last_mut()) {
                item.push(' ');
            }
        }
        _ => {}
    }
}

/// Adds what a reader would see of one event to the plain text.
fn add_plain(plain: &mut String, event: &Event) {
    match event {
        Event::Text(text) | Event::Code(text) => plain.push_str(text),
        Event::SoftBreak => plain.push(' '),
        Event::HardBreak
        | Event::Rule
        | Event::End(
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::CodeBlock
            | TagEnd::BlockQuote(_),
        ) if !plain.is_empty() && !plain.ends_with('\n') => plain.push('\n'),
        _ => {}
    }
}

fn is_web(url: &str) -> bool {
    harbour_words::is_web_address(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_markdown_to_html() {
        let r = render_body("## Steps\n\n- **Don't pay.**\n");
        assert!(r.problems.is_empty());
        assert!(r.html.contains("<h2>Steps</h2>"));
        assert!(r.html.contains("<strong>Don't pay.</strong>"));
    }

    #[test]
    fn lists_are_collected_item_by_item() {
        let r = render_body("Intro.\n\n1. Save **it**.\n2. Block them.\n   - inner\n\n- other\n");
        assert_eq!(
            r.lists,
            vec![
                vec!["inner".to_string()],
                vec!["Save it.".to_string(), "Block them.".to_string()],
                vec!["other".to_string()],
            ]
        );
    }

    #[test]
    fn article_links_become_in_app_addresses() {
        let r = render_body("See [reporting](article:reporting-and-removal).");
        assert_eq!(r.article_links, vec!["reporting-and-removal"]);
        assert!(r
            .html
            .contains(r##"<a href="#/article/reporting-and-removal">reporting</a>"##));
    }

    #[test]
    fn web_links_are_shown_as_text_not_links() {
        let r = render_body("Use [Take It Down](https://takeitdown.ncmec.org/).");
        assert!(r.problems.is_empty());
        assert!(!r.html.contains("<a "), "{}", r.html);
        assert!(r
            .html
            .contains("Take It Down (<code>https://takeitdown.ncmec.org/</code>)"));
    }

    #[test]
    fn plain_text_keeps_what_a_reader_sees() {
        let r = render_body(
            "## Steps\n\n- **Don't pay.**\n- Use [Take It Down](https://takeitdown.ncmec.org/).\n\nSee\n[this](article:x).\n",
        );
        assert_eq!(r.plain, "Steps\nDon't pay.\nUse Take It Down.\nSee this.\n");
    }

    #[test]
    fn raw_html_is_rejected_and_never_rendered() {
        let r = render_body("Hi <script>alert(1)</script>\n\n<div>x</div>\n");
        assert!(matches!(r.problems[0], Problem::RawHtml(_)));
        assert!(!r.html.contains("<script"));
        assert!(!r.html.contains("<div"));
    }

    #[test]
    fn images_top_headings_and_odd_links_are_problems() {
        let r = render_body("# Title\n\n![x](https://e.org/a.png) [y](javascript:alert(1))");
        assert!(r.problems.contains(&Problem::TopHeading));
        assert!(r
            .problems
            .contains(&Problem::Image("https://e.org/a.png".into())));
        assert!(r
            .problems
            .contains(&Problem::UnsupportedLink("javascript:alert(1)".into())));
        assert!(!r.html.contains("javascript:"));
    }
}
