#pragma once

#include <QObject>
#include <QPointer>
#include <functional>
#include <utility>

namespace mizzle {

// A callback that belongs to a QObject, the way a connection to a slot does: once the object is
// destroyed, calling it does nothing. Every asynchronous call in core takes such a context and
// keeps its callback in one of these, so that no caller has to guard against its own death.
template <typename... Args> class ContextCallback
{
public:
    ContextCallback() = default;
    template <typename Function>
    ContextCallback(QObject *context, Function &&function)
        : m_context(context)
        , m_function(std::forward<Function>(function))
    {}

    // Set, and its context still alive.
    bool isLive() const { return m_function && !m_context.isNull(); }
    QObject *context() const { return m_context.data(); }

    // Calls the function unless its context is gone; true when it did.
    bool operator()(Args... args) const
    {
        if (!isLive())
            return false;
        m_function(std::forward<Args>(args)...);
        return true;
    }

private:
    QPointer<QObject> m_context;
    std::function<void(Args...)> m_function;
};

} // namespace mizzle
