export interface BarDatum {
  label: string;
  value: number;
  /** What a screen reader and the tooltip say for this bar. */
  description: string;
}

/** A small bar chart in SVG (no chart library for two series of 30 bars); the last bar is today. */
export function BarChart({ title, data, height = 140 }: { title: string; data: BarDatum[]; height?: number }) {
  const width = 600;
  const max = Math.max(1, ...data.map((datum) => datum.value));
  const step = width / Math.max(1, data.length);
  const plot = height - 18;
  return (
    <figure style={{ margin: 0 }}>
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        {data.map((datum, index) => {
          const barHeight = datum.value === 0 ? 1 : Math.max(2, (datum.value / max) * (plot - 4));
          return (
            <rect
              key={datum.label}
              className={index === data.length - 1 ? 'bar today' : 'bar'}
              x={index * step + 1}
              y={plot - barHeight}
              width={Math.max(1, step - 2)}
              height={barHeight}
            >
              <title>{datum.description}</title>
            </rect>
          );
        })}
        <text x={0} y={height - 4}>
          {data[0]?.label}
        </text>
        <text x={width} y={height - 4} textAnchor="end">
          {data[data.length - 1]?.label}
        </text>
      </svg>
      <figcaption className="visually-hidden">{data.map((datum) => datum.description).join('; ')}</figcaption>
    </figure>
  );
}
