#pragma once

namespace KSyntaxHighlighting {
class Repository;
}

namespace mizzle {

// Building a Repository parses every bundled definition and theme, which is far too slow to do
// per editor, so the whole application shares this one, created on first use.
KSyntaxHighlighting::Repository &syntaxRepository();

} // namespace mizzle
