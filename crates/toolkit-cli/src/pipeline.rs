//! What `prep` and `batch` share: a compiled profile, a template, a date and a paper
//! size, turned into sheets for one resume after another.

use std::path::Path;

use toolkit_match::{Matcher, Report};
use toolkit_pdf::{Options, Paper};
use toolkit_profile::Profile;
use toolkit_sheet::{Cohort, Sheet};

use crate::Failure;
use crate::args::{Detail, PaperArg, SheetOptions};
use crate::brand::Brand;
use crate::dates::SheetDate;
use crate::input;

/// A compiled template and the name it is reported under in errors.
#[derive(Debug)]
pub struct Template {
    pub name: String,
    pub renderer: toolkit_sheet::Renderer,
}

impl Template {
    /// The user's template file, or the built-in one, compiled (so a broken one fails
    /// before any work is done).
    pub fn load(
        path: Option<&Path>,
        builtin: &str,
        builtin_name: &str,
    ) -> Result<Template, Failure> {
        let (name, text) = match path {
            None => (builtin_name.to_string(), builtin.to_string()),
            Some(path) => {
                let name = input::display_path(path);
                let bytes = input::read_bounded(path, toolkit_sheet::MAX_TEMPLATE_BYTES as u64)
                    .map_err(|e| Failure::msg(format!("{name}: {e}")))?;
                let text = String::from_utf8(bytes)
                    .map_err(|_| Failure::msg(format!("{name}: the template is not UTF-8 text")))?;
                (name, text)
            }
        };
        let renderer = toolkit_sheet::Renderer::new(&text)
            .map_err(|e| Failure::msg(format!("{name}: {e}")))?;
        Ok(Template { name, renderer })
    }
}

/// Where rendered documents go: the date they carry, their paper size and brand.
pub struct Output {
    pub date: SheetDate,
    pub paper: Paper,
    pub brand: Option<Brand>,
}

impl Output {
    pub fn new(
        date: Option<&str>,
        paper: PaperArg,
        brand: Option<&Path>,
    ) -> Result<Output, Failure> {
        Ok(Output {
            date: SheetDate::resolve(date).map_err(Failure::msg)?,
            paper: match paper {
                PaperArg::A4 => Paper::A4,
                PaperArg::Letter => Paper::Letter,
            },
            brand: brand.map(Brand::load).transpose().map_err(Failure::msg)?,
        })
    }

    /// The cohort report model, with the brand when there is one.
    pub fn cohort(&self, cohort: Cohort) -> Cohort {
        match &self.brand {
            Some(brand) => cohort.with_brand(brand.info()),
            None => cohort,
        }
    }

    /// Renders a markup document to PDF bytes, with any warnings about glyphs.
    pub fn pdf(&self, doc: &toolkit_markup::Document) -> Result<(Vec<u8>, Vec<String>), String> {
        let brand = self.brand.as_ref();
        let opts = Options {
            paper: self.paper,
            timestamp: Some(self.date.timestamp),
            accent: brand.and_then(|b| b.accent),
            logo: brand.and_then(|b| b.logo.clone()),
            footer: brand.and_then(Brand::footer_line),
        };
        toolkit_pdf::render(doc, &opts)
            .map(|r| (r.bytes, r.warnings))
            .map_err(|e| format!("cannot write the PDF: {e}"))
    }
}

/// Frees `value` on a thread of its own. A compiled profile takes a few hundred
/// microseconds to free; a run of one resume would spend them after its output is
/// written, before the process can end (which does not wait for the thread).
pub fn free_in_background<T: Send + 'static>(value: T) {
    // If no thread can be had, the value is freed here.
    let _ = std::thread::Builder::new()
        .name("free".into())
        .spawn(move || drop(value));
}

/// Loads `--profile` and compiles it for matching (the matcher keeps the profile).
pub fn load_matcher(profile: &str) -> Result<Matcher, Failure> {
    let loaded = input::load_profile(profile)?;
    // A profile that passed validation should compile; if it does not, the error
    // still names the profile it came from.
    let compiled = if input::is_profile_file(profile) {
        Matcher::from_profile(loaded)
    } else {
        Matcher::from_builtin_profile(loaded)
    };
    compiled.map_err(|e| Failure::msg(format!("{}: {e}", input::profile_origin(profile))))
}

/// A pipeline whose template may still be compiling: its matcher is ready.
pub struct Starting {
    pub matcher: Matcher,
    template: Compiling,
    /// Reported after the template's error, as before any sheet is made.
    output: Result<Output, Failure>,
    detail: Detail,
}

enum Compiling {
    Thread(std::thread::JoinHandle<Result<Template, Failure>>),
    /// Compiled on this thread, when no other could be had.
    Done(Box<Result<Template, Failure>>),
}

impl Starting {
    /// The whole pipeline, once the template has compiled; a broken template, date or
    /// brand fails here, before any sheet is made.
    pub fn finish(self) -> Result<Pipeline, Failure> {
        let template = match self.template {
            Compiling::Thread(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Compiling::Done(template) => *template,
        }?;
        Ok(Pipeline {
            matcher: self.matcher,
            template,
            output: self.output?,
            detail: self.detail,
        })
    }
}

/// Everything needed to turn resumes into sheets.
pub struct Pipeline {
    pub matcher: Matcher,
    pub template: Template,
    pub output: Output,
    pub detail: Detail,
}

impl Pipeline {
    pub fn new(profile: &str, opts: &SheetOptions) -> Result<Pipeline, Failure> {
        Pipeline::start(profile, opts)?.finish()
    }

    /// The profile compiled, and the template still compiling on its own thread: the
    /// built-in template takes longer than the built-in profile (9.6 M instructions
    /// against 5.2 M), and a `prep` reads and checks its resume meanwhile.
    pub fn start(profile: &str, opts: &SheetOptions) -> Result<Starting, Failure> {
        let path = opts.template.clone();
        let template = move || {
            Template::load(
                path.as_deref(),
                toolkit_sheet::DEFAULT_SHEET_TEMPLATE,
                "built-in sheet template",
            )
        };
        let spawned = std::thread::Builder::new()
            .name("template".into())
            .spawn(template.clone());
        let matcher = load_matcher(profile)?;
        let template = match spawned {
            Ok(handle) => Compiling::Thread(handle),
            Err(_) => Compiling::Done(Box::new(template())),
        };
        Ok(Starting {
            matcher,
            template,
            output: Output::new(opts.date.as_deref(), opts.paper, opts.brand.as_deref()),
            detail: opts.detail,
        })
    }

    /// The profile the resumes are checked against.
    pub fn profile(&self) -> &Profile {
        self.matcher.profile()
    }

    /// The sheet's markup document for a checked resume.
    pub fn markup(&self, report: &Report) -> Result<toolkit_markup::Document, String> {
        self.markup_with(report, None)
    }

    /// The sheet's markup document, saying what improved since the last session for a
    /// returning client.
    pub fn markup_with(
        &self,
        report: &Report,
        progress: Option<toolkit_sheet::Progress>,
    ) -> Result<toolkit_markup::Document, String> {
        let mut sheet = Sheet::new(report, self.profile(), &self.output.date.text);
        if let Some(p) = progress {
            sheet = sheet.with_progress(p);
        }
        if self.detail == Detail::Full {
            sheet = sheet.full();
        }
        if let Some(brand) = &self.output.brand {
            sheet = sheet.with_brand(brand.info());
        }
        self.template
            .renderer
            .render(&sheet)
            .map_err(|e| format!("{}: {e}", self.template.name))
    }
}
