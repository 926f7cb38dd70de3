import CacheLabEngine

let engine = Engine()
let session = engine.makeSession()
print(engine.execute(["PING"], session: session))
