import { useState, type Ref } from 'react';

interface OptionValuesInputProps {
  /** The ids and ARIA wiring from Field, for the text box. */
  control: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined };
  value: string[];
  onChange: (values: string[]) => void;
  onBlur: () => void;
  inputRef: Ref<HTMLInputElement>;
}

const valuesIn = (text: string) =>
  text
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);

/**
 * An option's values as chips: typing a comma or Enter adds what was typed (a pasted "S, M, L" adds three),
 * Backspace in the empty box takes the last one back, and each chip has its own remove button.
 */
export function OptionValuesInput({ control, value, onChange, onBlur, inputRef }: OptionValuesInputProps) {
  const [draft, setDraft] = useState('');
  const commit = (text: string) => {
    const added = valuesIn(text).filter(
      (candidate, index, all) => !value.includes(candidate) && all.indexOf(candidate) === index,
    );
    if (added.length) onChange([...value, ...added]);
    setDraft('');
  };
  return (
    <div className="chips" aria-invalid={control['aria-invalid']}>
      {value.map((chip, index) => (
        <span className="chip" key={`${chip}-${index}`}>
          {chip}
          <button
            type="button"
            aria-label={`Remove value ${chip}`}
            onClick={() => onChange(value.filter((_, at) => at !== index))}
          >
            ×
          </button>
        </span>
      ))}
      <input
        {...control}
        ref={inputRef}
        value={draft}
        placeholder={value.length ? 'Add a value' : 'e.g. S, M, L'}
        onChange={(event) =>
          event.target.value.includes(',') ? commit(event.target.value) : setDraft(event.target.value)
        }
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            // Enter adds the value; it must not submit the product form.
            event.preventDefault();
            commit(draft);
          } else if (event.key === 'Backspace' && draft === '' && value.length) {
            onChange(value.slice(0, -1));
          }
        }}
        onBlur={() => {
          commit(draft);
          onBlur();
        }}
      />
    </div>
  );
}
