// Private to the simulator: the Asio and Beast names its HTTP and WebSocket clients use. This is
// reskflow_simulate's precompiled header; Asio and Beast themselves are compiled in reskflow_core.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

namespace reskflow::simulate {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = boost::asio::ip::tcp;

template <class T>
using Task = asio::awaitable<T>;

inline constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

}  // namespace reskflow::simulate
