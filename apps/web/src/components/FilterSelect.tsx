import { Select } from 'antd';

export interface FilterOption {
  value: string;
  label: string;
}

/**
 * One of a list page's filters: clearable, named for screen readers and the browser tests by its
 * label, and showing 全部… while nothing is picked.
 */
export function FilterSelect(props: {
  label: string;
  placeholder: string;
  width: number;
  value: string | undefined;
  options: FilterOption[];
  onChange: (value: string | undefined) => void;
  loading?: boolean;
  testId?: string;
}) {
  return (
    <Select
      aria-label={props.label}
      data-testid={props.testId}
      allowClear
      style={{ width: props.width }}
      placeholder={props.placeholder}
      loading={props.loading}
      value={props.value}
      options={props.options}
      onChange={props.onChange}
    />
  );
}
