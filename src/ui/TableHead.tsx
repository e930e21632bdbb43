/** A number table's head: the row label's column, then one column per quantity. */
export function TableHead({ first, labels }: { first: string; labels: readonly string[] }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        {labels.map((label) => (
          <th key={label} scope="col">
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
