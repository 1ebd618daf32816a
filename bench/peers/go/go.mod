module asyncio-bench/peers

go 1.19
