//! Two small SVG charts for the reports: bars (ageing) and a line (DSO per month). Values are
//! scaled for drawing only; every number is also written next to its bar or point (and in
//! the table the page shows), so nothing is read off a chart and nothing relies on floats.

use leptos::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// One bar or point: its label, the value drawn, and the value printed.
#[derive(Clone, Debug, PartialEq)]
pub struct Datum {
    pub label: String,
    pub value: Option<Decimal>,
    pub text: String,
}

fn scale(v: Decimal, max: Decimal, span: f64) -> f64 {
    if max <= Decimal::ZERO {
        return 0.0;
    }
    // Drawing only: the ratio becomes pixels.
    (v / max).to_f64().unwrap_or(0.0).clamp(0.0, 1.0) * span
}

/// Horizontal bars, one per datum, labelled and valued.
#[component]
pub fn BarChart(data: Vec<Datum>, #[prop(into)] title: String, id: String) -> impl IntoView {
    let row_h = 34.0;
    // Room on the right for the longest value text ("15.389,46 € (14)") after the longest bar.
    let (label_w, bar_w, value_w) = (110.0, 150.0, 130.0);
    let width = label_w + bar_w + value_w;
    let height = row_h * data.len() as f64;
    let max = data.iter().filter_map(|d| d.value).max().unwrap_or(Decimal::ZERO);
    let label = title.clone();
    view! {
        <svg
            class="chart bar-chart"
            id=id
            role="img"
            aria-label=label
            viewBox=format!("0 0 {width} {height}")
            preserveAspectRatio="xMinYMin meet"
        >
            <title>{title}</title>
            {data
                .into_iter()
                .enumerate()
                .map(|(i, d)| {
                    let y = i as f64 * row_h;
                    let w = scale(d.value.unwrap_or_default(), max, bar_w).max(1.0);
                    view! {
                        <g class="bar" data-value=d.value.map(|v| v.to_string()).unwrap_or_default()>
                            <text x="0" y=y + 21.0 class="chart-label">{d.label}</text>
                            <rect x=label_w y=y + 6.0 width=w height=row_h - 12.0 rx="3" class="chart-bar"></rect>
                            <text x=label_w + w + 6.0 y=y + 21.0 class="chart-value">{d.text}</text>
                        </g>
                    }
                })
                .collect_view()}
        </svg>
    }
}

/// A line over the data in order; points without a value leave a gap.
#[component]
pub fn LineChart(data: Vec<Datum>, #[prop(into)] title: String, id: String) -> impl IntoView {
    let (w, h, pad_x, pad_top, pad_bottom) = (600.0, 220.0, 30.0, 24.0, 36.0);
    let n = data.len().max(1);
    let step = if n > 1 {
        (w - 2.0 * pad_x) / (n - 1) as f64
    } else {
        0.0
    };
    let max = data.iter().filter_map(|d| d.value).max().unwrap_or(Decimal::ZERO);
    let plot_h = h - pad_top - pad_bottom;
    let point = |i: usize, v: Decimal| (pad_x + step * i as f64, pad_top + plot_h - scale(v, max, plot_h));
    // Segments between consecutive points that both have a value.
    let mut paths = Vec::new();
    let mut current = String::new();
    for (i, d) in data.iter().enumerate() {
        match d.value {
            Some(v) => {
                let (x, y) = point(i, v);
                current.push_str(&format!(
                    "{}{x:.1},{y:.1} ",
                    if current.is_empty() { "M" } else { "L" }
                ));
            }
            None if !current.is_empty() => paths.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        paths.push(current);
    }
    let label = title.clone();
    view! {
        <svg
            class="chart line-chart"
            id=id
            role="img"
            aria-label=label
            viewBox=format!("0 0 {w} {h}")
            preserveAspectRatio="xMinYMin meet"
        >
            <title>{title}</title>
            <line x1=pad_x y1=h - pad_bottom x2=w - pad_x y2=h - pad_bottom class="chart-axis"></line>
            {paths.into_iter().map(|d| view! { <path d=d class="chart-line" fill="none"></path> }).collect_view()}
            {data
                .into_iter()
                .enumerate()
                .map(|(i, d)| {
                    let x = pad_x + step * i as f64;
                    let dot = d.value.map(|v| {
                        let (x, y) = point(i, v);
                        view! {
                            <circle cx=x cy=y r="3.5" class="chart-dot"></circle>
                            <text x=x y=y - 8.0 text-anchor="middle" class="chart-value">{d.text.clone()}</text>
                        }
                    });
                    view! {
                        <g class="point" data-value=d.value.map(|v| v.to_string()).unwrap_or_default()>
                            {dot}
                            <text x=x y=h - 14.0 text-anchor="middle" class="chart-label">{d.label}</text>
                        </g>
                    }
                })
                .collect_view()}
        </svg>
    }
}
