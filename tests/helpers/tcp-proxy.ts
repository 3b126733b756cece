/**
 * A loopback TCP proxy to put between the app's database client and PostgreSQL, so a test can cut the
 * connection and restore it: `cut('reset')` resets every open connection and every new one (the database
 * went away); `cut('blackhole')` freezes open connections and accepts new ones that forward nothing (a
 * network partition: nothing ever answers, nothing is closed); `restore()` drops the frozen connections
 * and forwards again.
 */
import net from 'node:net';

export type TcpProxy = {
  port: number;
  cut: (mode: 'reset' | 'blackhole') => void;
  restore: () => void;
  close: () => Promise<void>;
};

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: 'open' | 'reset' | 'blackhole' = 'open';
  const sockets = new Set<net.Socket>();
  const pairs = new Set<[net.Socket, net.Socket]>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = net.createServer((client) => {
    track(client);
    if (mode === 'reset') return void client.resetAndDestroy();
    if (mode === 'blackhole') return void client.on('data', () => {});
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream).pipe(client);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    client.on('close', () => (upstream.destroy(), pairs.delete(pair)));
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    cut(next) {
      mode = next;
      if (next === 'reset') for (const socket of sockets) socket.resetAndDestroy();
      else
        for (const [client, upstream] of pairs) {
          client.unpipe(upstream);
          upstream.unpipe(client);
        }
    },
    restore() {
      if (mode === 'blackhole') for (const socket of sockets) socket.destroy();
      mode = 'open';
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
