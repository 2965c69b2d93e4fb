//! A small WebDriver client: just the calls Harbour's tests use, over plain HTTP and JSON.

use std::fmt;
use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// The key WebDriver uses to mark an element reference in JSON.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// What went wrong talking to the driver.
#[derive(Debug)]
pub enum WebDriverError {
    /// The driver answered with a WebDriver error (e.g. `no such element`).
    Driver {
        /// The WebDriver error code (`no such element`).
        error: String,
        /// The driver's explanation.
        message: String,
    },
    /// The driver could not be reached or answered something that is not WebDriver JSON.
    Transport(String),
    /// A wait ran out of time.
    Timeout(String),
}

impl fmt::Display for WebDriverError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebDriverError::Driver { error, message } => write!(f, "{error}: {message}"),
            WebDriverError::Transport(why) => write!(f, "driver unreachable: {why}"),
            WebDriverError::Timeout(what) => write!(f, "timed out waiting for {what}"),
        }
    }
}

impl std::error::Error for WebDriverError {}

/// One WebDriver session on the app.
pub struct Session {
    url: String,
    agent: ureq::Agent,
    ended: bool,
}

/// An element in the page.
pub struct Element<'a> {
    session: &'a Session,
    id: String,
}

impl Session {
    /// Waits for the driver at `base` to listen, then opens a session that starts `binary`.
    pub fn start(base: &str, binary: &Path, patience: Duration) -> Result<Session, WebDriverError> {
        let agent = ureq::AgentBuilder::new()
            .timeout(Duration::from_secs(20))
            .build();
        let deadline = Instant::now() + patience;
        while agent.get(&format!("{base}/status")).call().is_err() {
            if Instant::now() > deadline {
                return Err(WebDriverError::Timeout("tauri-driver to listen".into()));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let capabilities = json!({
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "wry",
                    "tauri:options": { "application": binary.display().to_string() }
                }
            }
        });
        let value = send(agent.post(&format!("{base}/session")), Some(capabilities))?;
        let id = value["sessionId"]
            .as_str()
            .ok_or_else(|| WebDriverError::Transport(format!("no session id in {value}")))?;
        Ok(Session {
            url: format!("{base}/session/{id}"),
            agent,
            ended: false,
        })
    }

    fn post(&self, path: &str, body: Value) -> Result<Value, WebDriverError> {
        send(self.agent.post(&format!("{}{path}", self.url)), Some(body))
    }

    fn get(&self, path: &str) -> Result<Value, WebDriverError> {
        send(self.agent.get(&format!("{}{path}", self.url)), None)
    }

    /// The first element matching a CSS selector.
    pub fn find(&self, css: &str) -> Result<Element<'_>, WebDriverError> {
        let value = self.post("/element", json!({"using": "css selector", "value": css}))?;
        element_id(&value).map(|id| Element { session: self, id })
    }

    /// Every element matching a CSS selector.
    pub fn find_all(&self, css: &str) -> Result<Vec<Element<'_>>, WebDriverError> {
        let value = self.post("/elements", json!({"using": "css selector", "value": css}))?;
        value
            .as_array()
            .map(|items| items.iter().map(element_id).collect::<Result<Vec<_>, _>>())
            .unwrap_or_else(|| Ok(Vec::new()))
            .map(|ids| {
                ids.into_iter()
                    .map(|id| Element { session: self, id })
                    .collect()
            })
    }

    /// Runs a script in the page (it must `return` what it wants back).
    pub fn execute(&self, script: &str) -> Result<Value, WebDriverError> {
        self.post("/execute/sync", json!({"script": script, "args": []}))
    }

    /// The element that has keyboard focus.
    pub fn active_element(&self) -> Result<Element<'_>, WebDriverError> {
        let value = self.get("/element/active")?;
        element_id(&value).map(|id| Element { session: self, id })
    }

    /// Presses keys through WebDriver actions: `keys` are WebDriver key values, pressed in
    /// order and released in reverse (so `["\u{E00A}", "\u{E012}"]` is Alt+Left).
    pub fn press_keys(&self, keys: &[&str]) -> Result<(), WebDriverError> {
        let mut actions: Vec<Value> = keys
            .iter()
            .map(|k| json!({"type": "keyDown", "value": k}))
            .collect();
        actions.extend(
            keys.iter()
                .rev()
                .map(|k| json!({"type": "keyUp", "value": k})),
        );
        self.post(
            "/actions",
            json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]}),
        )?;
        Ok(())
    }

    /// Reloads the page, as a person pressing F5 or a webview being reloaded would.
    pub fn refresh(&self) -> Result<(), WebDriverError> {
        self.post("/refresh", json!({})).map(|_| ())
    }

    /// The window title.
    pub fn title(&self) -> Result<String, WebDriverError> {
        Ok(self.get("/title")?.as_str().unwrap_or_default().to_string())
    }

    /// Ends the session (closing the app). Safe to call twice.
    pub fn end(&mut self) {
        if !self.ended {
            self.ended = true;
            let _ = self.agent.delete(&self.url).call();
        }
    }
}

impl Element<'_> {
    /// Clicks it.
    pub fn click(&self) -> Result<(), WebDriverError> {
        self.session
            .post(&format!("/element/{}/click", self.id), json!({}))
            .map(|_| ())
    }

    /// Its rendered text.
    pub fn text(&self) -> Result<String, WebDriverError> {
        let value = self.session.get(&format!("/element/{}/text", self.id))?;
        Ok(value.as_str().unwrap_or_default().to_string())
    }

    /// One of its attributes (or the computed accessible name with `aria-label` etc.).
    pub fn attribute(&self, name: &str) -> Result<Option<String>, WebDriverError> {
        let value = self
            .session
            .get(&format!("/element/{}/attribute/{name}", self.id))?;
        Ok(value.as_str().map(str::to_string))
    }

    /// Types text into it.
    pub fn send_keys(&self, text: &str) -> Result<(), WebDriverError> {
        self.session
            .post(
                &format!("/element/{}/value", self.id),
                json!({"text": text}),
            )
            .map(|_| ())
    }

    /// Whether two references point at the same element.
    pub fn same_as(&self, other: &Element<'_>) -> bool {
        self.id == other.id
    }
}

fn element_id(value: &Value) -> Result<String, WebDriverError> {
    value[ELEMENT_KEY]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| WebDriverError::Transport(format!("not an element: {value}")))
}

/// Sends a request and unwraps WebDriver's `{"value": ...}` envelope, errors included.
fn send(request: ureq::Request, body: Option<Value>) -> Result<Value, WebDriverError> {
    let response = match body {
        Some(body) => request.send_json(body),
        None => request.call(),
    };
    let response = match response {
        Ok(response) => response,
        Err(ureq::Error::Status(_, response)) => response,
        Err(e) => return Err(WebDriverError::Transport(e.to_string())),
    };
    let json: Value = response
        .into_json()
        .map_err(|e| WebDriverError::Transport(e.to_string()))?;
    let value = json.get("value").cloned().unwrap_or(Value::Null);
    if let Some(error) = value.get("error").and_then(Value::as_str) {
        return Err(WebDriverError::Driver {
            error: error.to_string(),
            message: value["message"].as_str().unwrap_or_default().to_string(),
        });
    }
    Ok(value)
}
