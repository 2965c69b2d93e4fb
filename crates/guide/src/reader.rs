//! What a reader sees first. Harbour asks (optionally) where the reader is and who they are; the
//! answers reorder what is shown, and never hide anything: advice written for another country
//! is listed after the reader's own, and advice for another audience after what fits them.

use harbour_words::{Audience, Region};

use crate::article::Article;
use crate::error::LookupError;
use crate::kind::PageKind;
use crate::route::Route;
use crate::Guide;

/// Whether an article is written for this audience (no audience chosen: everything fits).
pub fn fits(article: &Article, audience: Option<Audience>) -> bool {
    audience.is_none_or(|a| article.audiences.contains(&a))
}

/// A route's articles split for one reader: their region's first, in the route's order with
/// what fits their audience before what doesn't; then those written only for other countries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteArticles<'a> {
    /// The route itself.
    pub route: &'a Route,
    /// Articles for the reader's region, what fits their audience first.
    pub here: Vec<&'a Article>,
    /// Articles written for other countries only, in the route's order.
    pub elsewhere: Vec<&'a Article>,
}

impl Guide {
    /// The home screen's routes for a reader: with an audience chosen, the routes written for
    /// that audience (`audiences` in `content/routes.toml`) come first, each group in the
    /// written order; without one, the written order. Nothing is hidden.
    pub fn routes_for(&self, audience: Option<Audience>) -> Vec<&Route> {
        let mut routes: Vec<&Route> = self.routes().iter().collect();
        if let Some(audience) = audience {
            // A stable sort: the written order holds within each group.
            routes.sort_by_key(|r| !r.audiences.contains(&audience));
        }
        routes
    }

    /// One route's articles for a reader in `region` who said they are `audience`: the first
    /// do-now page for the region leads (whatever the audience), then the region's other
    /// articles, what fits the audience first.
    pub fn route_for(
        &self,
        id: &str,
        region: Region,
        audience: Option<Audience>,
    ) -> Result<RouteArticles<'_>, LookupError> {
        let route = self.route(id)?;
        let (mut here, elsewhere): (Vec<&Article>, Vec<&Article>) = route
            .articles
            .iter()
            .filter_map(|id| self.article(id).ok())
            .partition(|a| a.regions.contains(&region));
        // The region's first do-now page leads whoever reads: it says what to do right now.
        let lead = here
            .iter()
            .position(|a| a.kind == PageKind::DoNow)
            .map(|i| here.remove(i));
        // A stable sort: the route's own order (most urgent first) holds within each group.
        here.sort_by_key(|a| !fits(a, audience));
        here.splice(0..0, lead);
        Ok(RouteArticles {
            route,
            here,
            elsewhere,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ContentFile;

    fn article(id: &str, audiences: &str, regions: &str) -> String {
        format!(
            "+++\nid = \"{id}\"\ntitle = \"T {id}\"\nsummary = \"S.\"\ndo_now = [\"Breathe.\"]\n\
             audiences = [{audiences}]\nregions = [{regions}]\nreviewed = \"2026-11-01\"\n\
             [[sources]]\ntitle = \"A source\"\nurl = \"https://example.org/\"\n+++\nSome words.\n"
        )
    }

    fn guide() -> Guide {
        let texts = [
            ("a-uk-adult", article("a-uk-adult", "\"adult\"", "\"uk\"")),
            (
                "b-all-young",
                article("b-all-young", "\"young-person\"", "\"uk\", \"us\""),
            ),
            ("c-us-adult", article("c-us-adult", "\"adult\"", "\"us\"")),
            (
                "d-uk-parent",
                article("d-uk-parent", "\"parent-carer\"", "\"uk\""),
            ),
        ];
        let paths: Vec<String> = texts
            .iter()
            .map(|(id, _)| format!("content/articles/{id}.md"))
            .collect();
        let files: Vec<ContentFile> = texts
            .iter()
            .zip(&paths)
            .map(|((_, text), path)| ContentFile { path, text })
            .collect();
        let routes = "[[routes]]\nid = \"first\"\nlabel = \"First\"\n\
                      audiences = [\"young-person\", \"adult\"]\ndo_now_first = false\n\
                      articles = [\"a-uk-adult\", \"b-all-young\", \"c-us-adult\"]\n\
                      [[routes]]\nid = \"second\"\nlabel = \"Second\"\n\
                      audiences = [\"parent-carer\"]\ndo_now_first = false\n\
                      articles = [\"d-uk-parent\", \"b-all-young\"]\n\
                      [[routes]]\nid = \"third\"\nlabel = \"Third\"\ndo_now_first = false\n\
                      articles = [\"d-uk-parent\"]\n";
        Guide::from_files(
            &files,
            Some(ContentFile {
                path: "content/routes.toml",
                text: routes,
            }),
        )
        .expect("test guide loads")
    }

    fn ids(articles: &[&Article]) -> Vec<String> {
        articles.iter().map(|a| a.id.clone()).collect()
    }

    #[test]
    fn without_an_audience_routes_keep_their_written_order() {
        let guide = guide();
        let order: Vec<&str> = guide
            .routes_for(None)
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(order, ["first", "second", "third"]);
    }

    #[test]
    fn routes_written_for_the_audience_come_first_and_none_is_hidden() {
        let guide = guide();
        let order = |audience| -> Vec<String> {
            guide
                .routes_for(Some(audience))
                .iter()
                .map(|r| r.id.clone())
                .collect()
        };
        assert_eq!(order(Audience::ParentCarer), ["second", "first", "third"]);
        // The written order holds within each group.
        assert_eq!(order(Audience::YoungPerson), ["first", "second", "third"]);
        assert_eq!(order(Audience::Professional), ["first", "second", "third"]);
    }

    #[test]
    fn a_route_shows_the_readers_region_first_and_other_countries_after() {
        let guide = guide();
        let uk = guide.route_for("first", Region::Uk, None).unwrap();
        assert_eq!(ids(&uk.here), ["a-uk-adult", "b-all-young"]);
        assert_eq!(ids(&uk.elsewhere), ["c-us-adult"]);
        let us = guide.route_for("first", Region::Us, None).unwrap();
        assert_eq!(ids(&us.here), ["b-all-young", "c-us-adult"]);
        assert_eq!(ids(&us.elsewhere), ["a-uk-adult"]);
    }

    #[test]
    fn what_fits_the_audience_comes_first_within_the_region() {
        let guide = guide();
        let young = guide
            .route_for("first", Region::Uk, Some(Audience::YoungPerson))
            .unwrap();
        assert_eq!(ids(&young.here), ["b-all-young", "a-uk-adult"]);
        assert!(fits(young.here[0], Some(Audience::YoungPerson)));
        assert!(!fits(young.here[1], Some(Audience::YoungPerson)));
        assert!(fits(young.here[1], None));
    }

    #[test]
    fn an_unknown_route_is_an_error_not_a_panic() {
        let guide = guide();
        assert!(matches!(
            guide.route_for("no-such-route", Region::Uk, None),
            Err(LookupError::UnknownRoute(_))
        ));
    }
}
