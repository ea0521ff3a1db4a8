#include "sqltext/syntax_repository.h"

#include <KSyntaxHighlighting/Repository>

namespace mizzle {

KSyntaxHighlighting::Repository &syntaxRepository()
{
    static KSyntaxHighlighting::Repository repository;
    return repository;
}

} // namespace mizzle
