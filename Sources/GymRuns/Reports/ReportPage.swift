import Foundation
import Gym

/// One self-contained HTML page of results (`report.html` of gym train, `compare.html` of gym compare):
/// sections of inline SVG, tables and text, no scripts or files it depends on. Each section has an id
/// (`curve`, `final`, `animation`, ...) that `make check-visuals` looks for in a real browser.
public struct ReportPage {
    /// What a section shows.
    public enum Content {
        /// An inline SVG document.
        case svg(String)
        case table(header: [String], rows: [[String]])
        case paragraphs([String])
    }

    /// One section: its id (the HTML anchor), heading and content.
    public struct Section {
        public var id: String
        public var heading: String
        public var content: Content
    }

    public var title: String
    public var subtitle: String
    public var sections: [Section] = []

    /// An empty page with its heading.
    public init(title: String, subtitle: String) {
        self.title = title
        self.subtitle = subtitle
    }

    /// Appends a section; `id` should be unique on the page.
    public mutating func add(_ id: String, _ heading: String, _ content: Content) {
        sections.append(Section(id: id, heading: heading, content: content))
    }

    var html: String {
        let e = SVGText.escaped
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(e(title))</title>
            <style>
            body { font-family: "DejaVu Sans", sans-serif; margin: 24px auto; max-width: 1100px; color: #222; }
            h1 { font-size: 22px; margin-bottom: 2px; } .subtitle { color: #666; margin-top: 0; }
            h2 { font-size: 17px; border-bottom: 1px solid #ddd; padding-bottom: 3px; margin-top: 28px; }
            table { border-collapse: collapse; font-size: 13px; } td, th { border: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }
            th { background: #f2f2f2; } td.number { text-align: right; font-variant-numeric: tabular-nums; }
            section svg { max-width: 100%; height: auto; border: 1px solid #eee; }
            </style></head><body>
            <h1>\(e(title))</h1>
            <p class="subtitle">\(e(subtitle))</p>

            """
        for section in sections {
            out += "<section id=\"\(section.id)\">\n<h2>\(e(section.heading))</h2>\n"
            switch section.content {
            case .svg(let document):
                out += document.replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", with: "")
            case .table(let header, let rows):
                out += "<table>\n<tr>" + header.map { "<th>\(e($0))</th>" }.joined() + "</tr>\n"
                for row in rows {
                    out += "<tr>" + row.map { cell in
                        (Double(cell.split(separator: " ").first ?? "") != nil ? "<td class=\"number\">" : "<td>") + e(cell) + "</td>"
                    }.joined() + "</tr>\n"
                }
                out += "</table>\n"
            case .paragraphs(let texts):
                out += texts.map { "<p>\(e($0))</p>\n" }.joined()
            }
            out += "</section>\n"
        }
        return out + "</body></html>\n"
    }

    /// Writes the page to `path`, replacing it atomically.
    public func write(to path: String) throws {
        try html.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
