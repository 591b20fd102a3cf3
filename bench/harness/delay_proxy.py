#!/usr/bin/env python3
"""A TCP proxy that holds every chunk DELAY_MS milliseconds in each direction, in order: a store a few
milliseconds away, so each round trip a request makes to it shows up as 2 x DELAY_MS of its latency.
Usage: delay_proxy.py LISTEN_PORT TARGET_PORT DELAY_MS"""
import asyncio
import sys

listen, target, delay = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]) / 1000


async def pipe(reader, writer):
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def deliver():
        while True:
            due, chunk = await queue.get()
            if chunk is None:
                writer.close()
                return
            await asyncio.sleep(max(0, due - loop.time()))
            writer.write(chunk)
            await writer.drain()

    sender = asyncio.create_task(deliver())
    while True:
        chunk = await reader.read(65536)
        await queue.put((loop.time() + delay, chunk or None))
        if not chunk:
            break
    await sender


async def handle(client_reader, client_writer):
    server_reader, server_writer = await asyncio.open_connection("127.0.0.1", target)
    await asyncio.gather(pipe(client_reader, server_writer), pipe(server_reader, client_writer),
                         return_exceptions=True)


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", listen)
    async with server:
        await server.serve_forever()

asyncio.run(main())
