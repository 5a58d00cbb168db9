import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import type { Paged } from '../../types';

/** Picks posts or topics of the workspace by title (searched on the server), for a task's links. */
export function LinkPicker({
  path,
  value,
  onChange,
  placeholder,
}: {
  path: '/posts' | '/topics';
  value?: string[];
  onChange?: (v: string[]) => void;
  placeholder: string;
}) {
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['tasks', 'link-picker', path, q],
    queryFn: ({ signal }) => api.get<Paged<{ id: string; title: string }>>(path, { q: q || undefined, page: 1, pageSize: 20 }, signal),
    staleTime: 10_000,
  });
  return (
    <Select
      mode="multiple"
      allowClear
      showSearch
      filterOption={false}
      onSearch={setQ}
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      loading={found.isFetching}
      options={(found.data?.items ?? []).map((x) => ({ value: x.id, label: x.title }))}
    />
  );
}
